import { and, eq } from "drizzle-orm";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import type { StaffContext } from "../shared/context.ts";
import { Conflict, Forbidden, Invalid } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { checkLocalized } from "./check-languages.ts";
import { eventInput } from "./input.ts";
import { type EventRow, findEventBySlug } from "./queries.ts";
import { type EventStatus, events } from "./schema.ts";

/** Saves the event's settings if nobody saved since `version` was read. */
export async function updateEvent(ctx: StaffContext, event: EventRow, input: unknown): Promise<EventRow> {
  if (!can(ctx.actor, "event.edit")) throw Forbidden();
  const data = parseInput(eventInput, input);
  const version = Number((input as { version?: unknown }).version);
  if (!Number.isInteger(version)) throw Invalid("validation", { version: "required" });
  const languages = [...new Set(data.languages)];
  const text = checkLocalized(
    languages,
    {
      title: data.title,
      shortTitle: data.shortTitle,
      description: data.description,
      venue: data.venue,
      city: data.city,
      notice: data.notice,
    },
    ["title"],
  );
  if (data.endDate < data.startDate) throw Invalid("validation", { endDate: "event.end_before_start" });

  return ctx.db.transaction(async (tx) => {
    if (data.slug !== event.slug) {
      const other = await findEventBySlug(tx, data.slug);
      if (other) throw Invalid("validation", { slug: "slug.taken" });
    }
    const [saved] = await tx
      .update(events)
      .set({
        slug: data.slug,
        ...text,
        startDate: data.startDate,
        endDate: data.endDate,
        timezone: data.timezone,
        languages,
        format: data.format,
        interfaceLanguage: data.interfaceLanguage ?? event.interfaceLanguage,
        protocolLanguage: data.protocolLanguage ?? event.protocolLanguage,
        version: version + 1,
        updatedAt: ctx.now,
      })
      .where(and(eq(events.id, event.id), eq(events.version, version)))
      .returning();
    if (!saved) throw Conflict("conflict.stale", { current: await currentVersion(tx, event.id) });
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "event", entityId: event.id, action: "update", before: event, after: saved });
    return saved;
  });
}

export async function setEventStatus(ctx: StaffContext, event: EventRow, status: EventStatus): Promise<EventRow> {
  if (!can(ctx.actor, "event.publish")) throw Forbidden();
  return ctx.db.transaction(async (tx) => {
    const [saved] = await tx
      .update(events)
      .set({ status, version: event.version + 1, updatedAt: ctx.now })
      .where(eq(events.id, event.id))
      .returning();
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "event",
      entityId: event.id,
      action: status === "published" ? "publish" : "unpublish",
      before: { status: event.status },
      after: { status },
    });
    return saved;
  });
}

async function currentVersion(tx: Pick<StaffContext["db"], "select">, eventId: number) {
  const [row] = await tx.select({ version: events.version }).from(events).where(eq(events.id, eventId));
  return row?.version;
}
