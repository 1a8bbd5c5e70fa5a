import { and, eq, inArray } from "drizzle-orm";
import { zonedToUtc } from "../../i18n/format.ts";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import { checkLocalized } from "../events/check-languages.ts";
import type { EventRow } from "../events/queries.ts";
import { rooms } from "../events/schema.ts";
import { categories } from "../registration/schema.ts";
import type { StaffContext } from "../shared/context.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { checkinListInput } from "./input.ts";
import { checkinLists } from "./schema.ts";

export type CheckinListRow = typeof checkinLists.$inferSelect;

/** Creates a door or room to check in at (no `existing`), or saves one if nobody saved since `version`. */
export async function saveCheckinList(ctx: StaffContext, event: EventRow, existing: CheckinListRow | null, input: unknown): Promise<CheckinListRow> {
  if (!can(ctx.actor, "doors.manage")) throw Forbidden();
  const data = parseInput(checkinListInput, input);
  const { name } = checkLocalized(event.languages, { name: data.name }, ["name"]);
  const fields: Record<string, string> = {};
  const windows: { from: string; to: string }[] = [];
  data.windows.forEach((w, i) => {
    const from = zonedToUtc(w.from, event.timezone);
    const to = zonedToUtc(w.to, event.timezone);
    if (!from || !to) fields[`windows.${i}`] = "datetime.invalid";
    else if (to <= from) fields[`windows.${i}`] = "checkin.closes_before_opening";
    else windows.push({ from: from.toISOString(), to: to.toISOString() });
  });
  if (data.kind === "room" && !data.roomId) fields.roomId = "required";
  if (Object.keys(fields).length > 0) throw Invalid("validation", fields);

  return ctx.db.transaction(async (tx) => {
    // Rooms and categories of another event are unknown here, whatever their ids.
    if (data.roomId) {
      const [room] = await tx
        .select({ id: rooms.id })
        .from(rooms)
        .where(and(eq(rooms.eventId, event.id), eq(rooms.id, data.roomId)));
      if (!room) throw Invalid("validation", { roomId: "room.other_event" });
    }
    if (data.categoryIds.length > 0) {
      const found = await tx
        .select({ id: categories.id })
        .from(categories)
        .where(and(eq(categories.eventId, event.id), inArray(categories.id, data.categoryIds)));
      if (found.length !== new Set(data.categoryIds).size) throw Invalid("validation", { categoryIds: "category.other_event" });
    }
    const values = {
      name,
      kind: data.kind,
      roomId: data.kind === "room" ? (data.roomId ?? null) : null,
      direction: data.direction,
      windows,
      categoryIds: [...new Set(data.categoryIds)],
      updatedAt: ctx.now,
    };
    if (!existing) {
      const [row] = await tx
        .insert(checkinLists)
        .values({ eventId: event.id, ...values })
        .returning();
      await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "checkin_list", entityId: row.id, action: "create", after: values });
      return row;
    }
    if (data.version === undefined) throw Invalid("validation", { version: "required" });
    const [row] = await tx
      .update(checkinLists)
      .set({ ...values, version: existing.version + 1 })
      .where(and(eq(checkinLists.id, existing.id), eq(checkinLists.eventId, event.id), eq(checkinLists.version, data.version)))
      .returning();
    if (!row) throw Conflict("conflict.stale", { current: existing.version });
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "checkin_list",
      entityId: row.id,
      action: "update",
      before: existing,
      after: values,
    });
    return row;
  });
}

export async function getCheckinList(db: StaffContext["db"], eventId: number, id: number | null): Promise<CheckinListRow> {
  const [row] = id
    ? await db
        .select()
        .from(checkinLists)
        .where(and(eq(checkinLists.eventId, eventId), eq(checkinLists.id, id)))
    : [];
  if (!row) throw NotFound("checkin_list.not_found");
  return row;
}
