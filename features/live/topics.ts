// The live channel's topics: what each carries and who may follow it, in one place. A later feature adds
// its topic to `LiveTopicData` (or a pattern like `drafting:<docId>`) and a rule to `rules`; the type
// checker then asks for both. Imported by the browser too (app/live.ts): types and pure functions only.
import { type Action, type Actor, can } from "../access/policy.ts";

/** An import's progress (features/registration/imports/import-jobs.ts), as its staff page shows it. */
export interface ImportProgress {
  id: number;
  status: "previewed" | "queued" | "running" | "done" | "failed";
  total: number;
  done: number;
  inserted: number;
  skipped: number;
  invalid: number;
  error: string | null;
}

/** What the staff page shows of an import, live and on reload alike (no file name, no rows: nothing personal). */
export function importProgress(row: ImportProgress): ImportProgress {
  const { id, status, total, done, inserted, skipped, invalid, error } = row;
  return { id, status, total, done, inserted, skipped, invalid, error };
}

/** What a message of each fixed topic carries. */
export interface LiveTopicData {
  /** The public programme changed (a session saved or deleted): pages showing it may refresh. */
  programme: { sessionId?: number };
  /** Participants imports of the event. */
  imports: ImportProgress;
  /** A badge print run's progress (features/badges/print-run.ts): numbers only. */
  printing: { id: number; status: "queued" | "running" | "done" | "failed"; total: number; done: number; parts: number; withoutPhoto: number };
  /** Counts at the doors and in the rooms after scans arrive (features/checkin/counts.ts): numbers only. */
  checkin: {
    inVenue: number;
    rooms: { roomId: number; people: number }[];
    lists: { listId: number; people: number; duplicates: number; refused: number }[];
  };
}

/** One outcome document being negotiated (the drafting feature). */
export type DraftingTopic = `drafting:${number}`;
export type LiveTopic = keyof LiveTopicData | DraftingTopic;
export type LiveData<T extends LiveTopic> = T extends keyof LiveTopicData ? LiveTopicData[T] : Record<string, unknown>;

/**
 * One message as the server sends it and the browser receives it; for several topics, a union that
 * `topic` tells apart. `seq` increases by one with every message of the event, whatever its topic.
 */
export type LiveMessage<T extends LiveTopic = LiveTopic> = T extends LiveTopic ? { seq: number; topic: T; data: LiveData<T> } : never;

/**
 * Who is asking. Staff come with their grants in the event (or an API token's); a participant's or focal
 * point's personal link (features/registration/links/links.ts) will come as `link`, for topics of their own.
 */
export interface LiveViewer {
  actor: Actor | null;
  link?: { purpose: string; participantId: number | null; delegationId: number | null };
}

/** `staff` topics are followed by staff with the action; `delegates` topics also by a delegation member's participant link. */
type Rule = { audience: "public" } | { audience: "staff" | "delegates"; action: Action };

const rules: Record<keyof LiveTopicData | "drafting", Rule> = {
  programme: { audience: "public" },
  imports: { audience: "staff", action: "registrations.manage" },
  checkin: { audience: "staff", action: "doors.read" },
  printing: { audience: "staff", action: "badges.print" },
  // Staff with the negotiation room, and delegates of the event's delegations through their link.
  drafting: { audience: "delegates", action: "negotiation.read" },
};

/** A topic as written in `?topics=`, or null if there is no such topic. */
export function parseTopic(value: string): LiveTopic | null {
  if (Object.hasOwn(rules, value) && value !== "drafting") return value as LiveTopic;
  return /^drafting:[1-9][0-9]{0,9}$/.test(value) ? (value as DraftingTopic) : null;
}

function ruleOf(topic: LiveTopic): Rule {
  return topic.startsWith("drafting:") ? rules.drafting : rules[topic as keyof LiveTopicData];
}

/** Whether the viewer may follow the topic (the event itself is visible to them: checked before). */
export function mayFollow(viewer: LiveViewer, topic: LiveTopic): boolean {
  const rule = ruleOf(topic);
  if (rule.audience === "public") return true;
  if (rule.audience === "delegates" && viewer.link?.purpose === "participant" && viewer.link.delegationId !== null) return true;
  return can(viewer.actor, rule.action);
}
