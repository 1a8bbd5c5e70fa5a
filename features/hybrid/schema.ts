import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { events } from "../events/schema.ts";
import { sessions } from "../programme/schema.ts";
import type { OnlineProvider } from "./vocabulary.ts";

export { type OnlineProvider, onlineProviders } from "./vocabulary.ts";

/**
 * How a session is followed online. The provider's addresses are never shown on a page: accredited online
 * participants reach them through their personal link (/join/…), which records their attendance first.
 * Only the public livestream is public.
 */
export const sessionOnline = pgTable("session_online", {
  sessionId: integer("session_id")
    .primaryKey()
    .references(() => sessions.id, { onDelete: "cascade" }),
  eventId: integer("event_id")
    .notNull()
    .references(() => events.id, { onDelete: "cascade" }),
  provider: text("provider").$type<OnlineProvider>().notNull(),
  joinUrl: text("join_url").notNull(),
  /** Interpretation channels: a language and the provider's address for it. */
  channels: jsonb("channels").$type<{ lang: string; url: string }[]>().notNull().default([]),
  /** A public livestream, shown on the public programme. */
  livestreamUrl: text("livestream_url"),
  /** Whether participants accredited in person may join online too. */
  allowInPerson: boolean("allow_in_person").notNull().default(false),
  version: integer("version").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Each time a participant joined a session through their personal link. */
export const onlineJoins = pgTable(
  "online_joins",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    sessionId: integer("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    participantId: integer("participant_id").notNull(),
    channel: text("channel"),
    firstJoinedAt: timestamp("first_joined_at", { withTimezone: true }).notNull().defaultNow(),
    lastJoinedAt: timestamp("last_joined_at", { withTimezone: true }).notNull().defaultNow(),
    joins: integer("joins").notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.participantId] }), index("online_joins_event_idx").on(t.eventId)],
);
