import { and, eq, isNotNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/index.ts";
import { dayKey } from "../../../i18n/format.ts";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import type { EventRow } from "../../events/queries.ts";
import { events } from "../../events/schema.ts";
import type { FileKind } from "../../files/kinds.ts";
import { fileStore } from "../../files/store.ts";
import type { StaffContext } from "../../shared/context.ts";
import { Conflict, Forbidden, Invalid } from "../../shared/errors.ts";
import { formInteger, isCalendarDay, parseInput } from "../../shared/validate.ts";
import { formFields, participants } from "../schema.ts";

/**
 * Retention of personal data: after an event's retention date (a day in its time zone) a scheduled job
 * (server/jobs.ts, pg-boss) removes ID document data, dates of birth and photos of all its participants.
 * Names, organisations and statuses stay: the list of participants and the event's record need them.
 */

/** Uploaded files that are personal data: photos, and files people attached to their answers. */
// Printed badges carry photos: they go with them.
const personalFileKinds: FileKind[] = ["photo", "attachment", "badges"];

export const retentionInput = z.object({
  retentionDate: z.preprocess(
    (v) => (v === "" ? null : v),
    z
      .string("date.invalid")
      .regex(/^\d{4}-\d{2}-\d{2}$/, "date.invalid")
      .refine(isCalendarDay, "date.invalid")
      .nullable(),
  ),
  version: formInteger().positive(),
});

/** Sets (or clears) the retention date. It cannot fall before the event's last day. */
export async function setRetentionDate(ctx: StaffContext, event: EventRow, input: unknown): Promise<EventRow> {
  if (!can(ctx.actor, "registrations.manage")) throw Forbidden();
  const data = parseInput(retentionInput, input);
  if (data.retentionDate && data.retentionDate < event.endDate)
    throw Invalid("validation", { retentionDate: "retention.before_event_end" }, { end: event.endDate });
  return ctx.db.transaction(async (tx) => {
    const [saved] = await tx
      .update(events)
      .set({ retentionDate: data.retentionDate, version: data.version + 1, updatedAt: ctx.now })
      .where(and(eq(events.id, event.id), eq(events.version, data.version)))
      .returning();
    if (!saved) throw Conflict("conflict.stale");
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "event",
      entityId: event.id,
      action: "update",
      before: { retentionDate: event.retentionDate },
      after: { retentionDate: saved.retentionDate },
    });
    return saved;
  });
}

/** A date the page suggests: three months after the event. */
export function suggestedRetentionDate(event: Pick<EventRow, "endDate">): string {
  const end = new Date(`${event.endDate}T00:00:00Z`);
  end.setUTCMonth(end.getUTCMonth() + 3);
  return end.toISOString().slice(0, 10);
}

/** How many of the event's participants still hold data the purge would remove. */
export async function personalDataHeld(db: Db, eventId: number): Promise<number> {
  return db.$count(participants, and(eq(participants.eventId, eventId), heldCondition()));
}

function heldCondition() {
  return or(
    isNotNull(participants.idDocumentNumberEnc),
    isNotNull(participants.birthDateEnc),
    isNotNull(participants.photoFileId),
    isNotNull(participants.idDocumentType),
    isNotNull(participants.idDocumentExpiry),
    isNotNull(participants.identityHash),
  );
}

export interface PurgeResult {
  eventId: number;
  participants: number;
  files: number;
}

/**
 * Purges every event whose retention date has passed (the day after it has begun in the event's time zone).
 * Safe to run any number of times and on several instances at once: a second run finds nothing left.
 */
export async function purgeExpiredPersonalData(db: Db, now: Date): Promise<PurgeResult[]> {
  const candidates = await db
    .select({ id: events.id, timezone: events.timezone, retentionDate: events.retentionDate })
    .from(events)
    .where(isNotNull(events.retentionDate));
  const results: PurgeResult[] = [];
  for (const event of candidates) {
    if (!(event.retentionDate! < dayKey(now, event.timezone))) continue;
    const result = await db.transaction(async (tx) => {
      const changed = await tx
        .update(participants)
        .set({
          idDocumentType: null,
          idDocumentNumberEnc: null,
          idDocumentExpiry: null,
          birthDateEnc: null,
          identityHash: null,
          photoFileId: null,
          version: sql`${participants.version} + 1`,
          updatedAt: now,
        })
        .where(and(eq(participants.eventId, event.id), heldCondition()))
        .returning({ id: participants.id });
      // File answers point at the attachments deleted below: their keys go too, so no page links to nothing.
      const fileKeys = (
        await tx
          .select({ key: formFields.key })
          .from(formFields)
          .where(and(eq(formFields.eventId, event.id), eq(formFields.type, "file")))
      ).map((f) => f.key);
      const keys = sql`array[${sql.join(
        fileKeys.map((k) => sql`${k}`),
        sql`, `,
      )}]::text[]`;
      const unanswered = fileKeys.length
        ? await tx
            .update(participants)
            .set({ custom: sql`${participants.custom} - ${keys}`, version: sql`${participants.version} + 1`, updatedAt: now })
            .where(and(eq(participants.eventId, event.id), sql`${participants.custom} ?| ${keys}`))
            .returning({ id: participants.id })
        : [];
      const files = await fileStore.delete(tx, event.id, { kinds: personalFileKinds });
      if (changed.length === 0 && files.length === 0 && unanswered.length === 0) return null;
      await tx.update(events).set({ personalDataPurgedAt: now }).where(eq(events.id, event.id));
      await recordAudit(tx, {
        eventId: event.id,
        actorId: null,
        entity: "event",
        entityId: event.id,
        action: "purge_personal_data",
        after: { participants: changed.length, files: files.length },
      });
      return { eventId: event.id, participants: changed.length, files: files.length };
    });
    if (result) results.push(result);
  }
  return results;
}
