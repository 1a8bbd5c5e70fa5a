import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { OutboxStatus } from "./vocabulary.ts";

export { type OutboxStatus, outboxStatuses } from "./vocabulary.ts";

/** Email written in the same transaction as the change that caused it; a worker delivers it. */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: serial("id").primaryKey(),
    /** Stable per message: a retry never creates a second message. */
    idempotencyKey: text("idempotency_key").notNull(),
    messageId: text("message_id").notNull(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    lang: text("lang").notNull().default("en"),
    /** The event the message belongs to (null: instance mail such as password resets), for staff's delivery view. */
    eventId: integer("event_id"),
    /** What kind of message it is (`registration.approved`, `reminder`…), for filtering the delivery view. */
    kind: text("kind"),
    /** The participant it was written to, when there is one (their page lists their messages). */
    participantId: integer("participant_id"),
    status: text("status").$type<OutboxStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("mail_outbox_idempotency_key").on(t.idempotencyKey),
    index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("mail_outbox_event_idx").on(t.eventId, t.id),
    index("mail_outbox_participant_idx").on(t.participantId),
  ],
);
