import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { dayKey } from "../../i18n/format.ts";
import { recordAudit } from "../access/audit.ts";
import { events } from "../events/schema.ts";
import { categories } from "./schema.ts";

/**
 * Open registration closes by itself once an event is over: after its last day has ended in its own time
 * zone, a scheduled job (server/jobs.ts, hourly) closes every category still open to the public. Safe to run
 * any number of times, on several instances at once: a second run finds nothing open.
 * Returns the events it closed.
 */
export async function closeEndedRegistration(db: Db, now: Date): Promise<number[]> {
  const open = await db
    .selectDistinct({ id: events.id, timezone: events.timezone, endDate: events.endDate })
    .from(events)
    .innerJoin(categories, and(eq(categories.eventId, events.id), eq(categories.openRegistration, true)));
  const closed: number[] = [];
  for (const event of open) {
    if (!(event.endDate < dayKey(now, event.timezone))) continue;
    const codes = await db.transaction(async (tx) => {
      const rows = await tx
        .update(categories)
        .set({ openRegistration: false, version: sql`${categories.version} + 1` })
        .where(and(eq(categories.eventId, event.id), eq(categories.openRegistration, true)))
        .returning({ code: categories.code });
      if (rows.length === 0) return [];
      await recordAudit(tx, {
        eventId: event.id,
        actorId: null,
        entity: "event",
        entityId: event.id,
        action: "close_registration",
        after: { categories: rows.map((r) => r.code).sort() },
      });
      return rows;
    });
    if (codes.length) closed.push(event.id);
  }
  return closed;
}
