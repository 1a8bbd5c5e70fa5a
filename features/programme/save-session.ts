import { and, eq, gt, inArray, lt, ne } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { zonedToUtc } from "../../i18n/format.ts";
import { recordAudit } from "../access/audit.ts";
import { can, canEditSession } from "../access/policy.ts";
import { checkLocalized } from "../events/check-languages.ts";
import type { EventRow } from "../events/queries.ts";
import { organisations, rooms, tracks } from "../events/schema.ts";
import { publishLive } from "../live/publish.ts";
import type { StaffContext } from "../shared/context.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../shared/errors.ts";
import { parseInput, toId } from "../shared/validate.ts";
import { sessionInput } from "./input.ts";
import { persons, sessionPeople, sessions } from "./schema.ts";

export type SessionRow = typeof sessions.$inferSelect;
export interface Warning {
  code: string;
  values: Record<string, string | number>;
}

/**
 * Creates a session (no `existing`) or saves one. The save succeeds only if nobody saved since
 * `version` was read; double bookings of a room or a speaker are warnings, not refusals.
 */
export async function saveSession(ctx: StaffContext, event: EventRow, existing: SessionRow | null, input: unknown) {
  if (existing ? !canEditSession(ctx.actor, existing) : !can(ctx.actor, "programme.edit")) throw Forbidden();
  const data = parseInput(sessionInput, input);
  // A partner may not turn their side event into another kind of session.
  if (existing && !can(ctx.actor, "programme.edit") && data.kind !== existing.kind) throw Forbidden();

  const text = checkLocalized(event.languages, { title: data.title, description: data.description }, ["title"]);
  const startsAt = zonedToUtc(data.start, event.timezone);
  const endsAt = zonedToUtc(data.end, event.timezone);
  const fields: Record<string, string> = {};
  if (!startsAt) fields.start = "datetime.invalid";
  if (!endsAt) fields.end = "datetime.invalid";
  if (startsAt && endsAt) {
    if (endsAt <= startsAt) fields.end = "session.end_before_start";
    const first = zonedToUtc(`${event.startDate}T00:00`, event.timezone)!;
    const afterLast = new Date(zonedToUtc(`${event.endDate}T00:00`, event.timezone)!.getTime() + 86_400_000);
    if (startsAt < first || startsAt >= afterLast) fields.start = "session.outside_event";
    else if (endsAt > afterLast) fields.end = "session.outside_event";
  }
  for (const lang of [data.workingLanguage, ...(data.interpretation ?? [])]) {
    if (lang && !/^[a-z]{2,3}$/.test(lang)) fields.interpretation = "language.unknown";
  }
  if (Object.keys(fields).length > 0) throw Invalid("validation", fields);
  if (existing && data.version === undefined) throw Invalid("validation", { version: "required" });

  return ctx.db.transaction(async (tx) => {
    await checkBelongsToEvent(tx, event.id, data);
    const values = {
      kind: data.kind,
      ...text,
      startsAt: startsAt!,
      endsAt: endsAt!,
      roomId: data.roomId ?? null,
      trackId: data.trackId ?? null,
      organiserId: data.kind === "side_event" ? (data.organiserId ?? null) : null,
      workingLanguage: data.workingLanguage ?? null,
      interpretation: [...new Set(data.interpretation ?? [])],
      updatedAt: ctx.now,
    };
    let saved: SessionRow | undefined;
    if (existing) {
      [saved] = await tx
        .update(sessions)
        .set({ ...values, version: data.version! + 1 })
        .where(and(eq(sessions.id, existing.id), eq(sessions.eventId, event.id), eq(sessions.version, data.version!)))
        .returning();
      if (!saved) {
        throw Conflict("conflict.stale", { current: existing.version });
      }
    } else {
      [saved] = await tx
        .insert(sessions)
        .values({ eventId: event.id, ...values })
        .returning();
    }
    if (data.people) {
      await tx.delete(sessionPeople).where(eq(sessionPeople.sessionId, saved!.id));
      const unique = new Map(data.people.map((p, i) => [`${p.personId}:${p.role}`, { ...p, position: i }]));
      if (unique.size > 0) {
        await tx.insert(sessionPeople).values([...unique.values()].map((p) => ({ sessionId: saved!.id, ...p })));
      }
    }
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "session",
      entityId: saved!.id,
      action: existing ? "update" : "create",
      before: existing ?? undefined,
      after: { ...saved, people: data.people },
    });
    const warnings = await findClashes(tx, event.id, saved!);
    // Last, as publishLive asks: followers of the programme hear of it when this commits, never if it does not.
    await publishLive(tx, event.id, "programme", { sessionId: saved!.id });
    return { session: saved!, warnings };
  });
}

async function checkBelongsToEvent(
  tx: DbOrTx,
  eventId: number,
  data: { roomId?: number | null; trackId?: number | null; organiserId?: number | null; people?: { personId: number }[] },
) {
  const fields: Record<string, string> = {};
  if (
    data.roomId &&
    !(
      await tx
        .select({ id: rooms.id })
        .from(rooms)
        .where(and(eq(rooms.id, data.roomId), eq(rooms.eventId, eventId)))
    ).length
  )
    fields.roomId = "invalid";
  if (
    data.trackId &&
    !(
      await tx
        .select({ id: tracks.id })
        .from(tracks)
        .where(and(eq(tracks.id, data.trackId), eq(tracks.eventId, eventId)))
    ).length
  )
    fields.trackId = "invalid";
  if (
    data.organiserId &&
    !(
      await tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(and(eq(organisations.id, data.organiserId), eq(organisations.eventId, eventId)))
    ).length
  )
    fields.organiserId = "invalid";
  const personIds = [...new Set((data.people ?? []).map((p) => p.personId))];
  if (personIds.length > 0) {
    const found = await tx
      .select({ id: persons.id })
      .from(persons)
      .where(and(inArray(persons.id, personIds), eq(persons.eventId, eventId)));
    if (found.length !== personIds.length) fields.people = "invalid";
  }
  if (Object.keys(fields).length > 0) throw Invalid("validation", fields);
}

/** Other sessions overlapping this one in the same room, or sharing a person. */
export async function findClashes(tx: DbOrTx, eventId: number, session: SessionRow): Promise<Warning[]> {
  const overlapping = and(
    eq(sessions.eventId, eventId),
    ne(sessions.id, session.id),
    lt(sessions.startsAt, session.endsAt),
    gt(sessions.endsAt, session.startsAt),
  );
  const warnings: Warning[] = [];
  if (session.roomId) {
    const inRoom = await tx
      .select({ id: sessions.id, title: sessions.title })
      .from(sessions)
      .where(and(overlapping, eq(sessions.roomId, session.roomId)));
    for (const other of inRoom) warnings.push({ code: "session.room_double_booked", values: { sessionId: other.id } });
  }
  const people = await tx.select({ personId: sessionPeople.personId }).from(sessionPeople).where(eq(sessionPeople.sessionId, session.id));
  if (people.length > 0) {
    const busy = await tx
      .selectDistinct({ personId: sessionPeople.personId, sessionId: sessions.id })
      .from(sessionPeople)
      .innerJoin(sessions, eq(sessions.id, sessionPeople.sessionId))
      .where(
        and(
          overlapping,
          inArray(
            sessionPeople.personId,
            people.map((p) => p.personId),
          ),
        ),
      );
    for (const clash of busy) warnings.push({ code: "session.person_double_booked", values: { personId: clash.personId, sessionId: clash.sessionId } });
  }
  return warnings;
}

export async function getSession(db: DbOrTx, eventId: number, sessionId: number): Promise<SessionRow> {
  if (toId(sessionId) === null) throw NotFound("session.not_found");
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.eventId, eventId)));
  if (!row) throw NotFound("session.not_found");
  return row;
}

export async function deleteSession(ctx: StaffContext, event: EventRow, session: SessionRow) {
  if (!can(ctx.actor, "programme.edit")) throw Forbidden();
  await ctx.db.transaction(async (tx) => {
    await tx.delete(sessions).where(and(eq(sessions.id, session.id), eq(sessions.eventId, event.id)));
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "session", entityId: session.id, action: "delete", before: session });
    await publishLive(tx, event.id, "programme", { sessionId: session.id });
  });
}
