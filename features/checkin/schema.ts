import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "../access/schema.ts";
import { events, rooms } from "../events/schema.ts";
import type { Localized } from "../shared/localized.ts";
import type { CheckinListKind, Direction, RefusalReason, ScanResult } from "./vocabulary.ts";

export {
  type CheckinListKind,
  checkinListKinds,
  type Direction,
  directions,
  type RefusalReason,
  refusalReasons,
  type ScanResult,
  scanResults,
} from "./vocabulary.ts";

/** A door or a room, entry or exit, with its opening hours and the categories it admits. */
export const checkinLists = pgTable(
  "checkin_lists",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    name: jsonb("name").$type<Localized>().notNull(),
    kind: text("kind").$type<CheckinListKind>().notNull(),
    roomId: integer("room_id").references(() => rooms.id, { onDelete: "set null" }),
    direction: text("direction").$type<Direction>().notNull().default("entry"),
    /** Opening hours as instants; empty: always open. */
    windows: jsonb("windows").$type<{ from: string; to: string }[]>().notNull().default([]),
    /** Categories admitted; empty: all. */
    categoryIds: jsonb("category_ids").$type<number[]>().notNull().default([]),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("checkin_lists_event_idx").on(t.eventId)],
);

/** A registered device bound to one list: its token (SHA-256 stored) is its only credential, revocable by staff. */
export const kiosks = pgTable(
  "kiosks",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    listId: integer("list_id")
      .notNull()
      .references(() => checkinLists.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("kiosks_token_key").on(t.tokenHash), index("kiosks_event_idx").on(t.eventId)],
);

/**
 * Every scan as the kiosk recorded it, append-only; the kiosk's nonce makes a retry a no-op. The server's
 * own verdict at receipt is kept beside what the guard was shown.
 */
export const scans = pgTable(
  "checkin_scans",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    nonce: uuid("nonce").notNull(),
    kioskId: integer("kiosk_id")
      .notNull()
      .references(() => kiosks.id, { onDelete: "cascade" }),
    listId: integer("list_id")
      .notNull()
      .references(() => checkinLists.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    participantId: integer("participant_id"),
    badgeVersion: integer("badge_version"),
    /** What the guard saw. */
    shown: text("shown").$type<ScanResult>().notNull(),
    shownReason: text("shown_reason").$type<RefusalReason>(),
    overrideReason: text("override_reason"),
    /** The server's decision for the same code, list and moment, when the scan arrived. */
    verdict: text("verdict").$type<"accepted" | "refused">().notNull(),
    verdictReason: text("verdict_reason").$type<RefusalReason>(),
    /** The kiosk's clock corrected by its last known offset from the server's. */
    scannedAt: timestamp("scanned_at", { withTimezone: true }).notNull(),
    kioskClock: timestamp("kiosk_clock", { withTimezone: true }).notNull(),
    clockOffsetMs: integer("clock_offset_ms").notNull().default(0),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("checkin_scans_nonce_key").on(t.eventId, t.nonce),
    index("checkin_scans_person_idx").on(t.eventId, t.participantId, t.scannedAt),
    index("checkin_scans_list_idx").on(t.listId, t.scannedAt),
    // Refusals are few: the day's are counted from these alone.
    index("checkin_scans_refused_idx").on(t.eventId, t.scannedAt, t.listId).where(sql`${t.shown} = 'refused'`),
  ],
);

/** Derived from the scans, recomputed for a person whenever one of their scans arrives; never patched. */
export const scanOutcomes = pgTable(
  "checkin_scan_outcomes",
  {
    scanId: bigint("scan_id", { mode: "number" })
      .primaryKey()
      .references(() => scans.id, { onDelete: "cascade" }),
    eventId: integer("event_id").notNull(),
    participantId: integer("participant_id").notNull(),
    /** An entry while already inside: kept, shown to staff, not counted. */
    duplicateOf: bigint("duplicate_of", { mode: "number" }),
    /** The scan's own list and time (copied: they never change), so the day's repeats are counted without reading the scans. */
    listId: integer("list_id").notNull(),
    scannedAt: timestamp("scanned_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("checkin_scan_outcomes_day_idx").on(t.eventId, t.scannedAt, t.listId).where(sql`${t.duplicateOf} is not null`)],
);

/**
 * Who was let in, per list and day of the event's time zone: a person whose admitted scans there that day
 * are not all repeats. Derived with the scans' outcomes (store-scans.ts `writeDerived`), so the staff's
 * counts read one row per person, not every scan of the day.
 */
export const listPeople = pgTable(
  "checkin_list_people",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    participantId: integer("participant_id").notNull(),
    listId: integer("list_id")
      .notNull()
      .references(() => checkinLists.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.participantId, t.listId, t.day] }), index("checkin_list_people_day_idx").on(t.eventId, t.day, t.listId)],
);

/** Where each person is now, derived from their scans (derive-presence.ts). */
export const presence = pgTable(
  "checkin_presence",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    participantId: integer("participant_id").notNull(),
    inVenue: boolean("in_venue").notNull(),
    roomId: integer("room_id"),
    lastScanId: bigint("last_scan_id", { mode: "number" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.participantId] }), index("checkin_presence_room_idx").on(t.eventId, t.roomId)],
);
