import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { events } from "../events/schema.ts";

/**
 * The last message number of each event. Taking the next one locks the event's row until the publishing
 * transaction commits, so numbers are committed (and notified) in order: a reader that has seen n has seen
 * everything before n.
 */
export const liveSequences = pgTable("live_sequences", {
  eventId: integer("event_id")
    .primaryKey()
    .references(() => events.id, { onDelete: "cascade" }),
  seq: integer("seq").notNull(),
});

/** Recent live messages, for a client that reconnects (`Last-Event-ID`) and for instances that missed a NOTIFY. Purged after an hour. */
export const liveMessages = pgTable(
  "live_messages",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    topic: text("topic").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.seq] }), index("live_messages_created_idx").on(t.createdAt)],
);
