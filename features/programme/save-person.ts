import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import { checkLocalized } from "../events/check-languages.ts";
import type { EventRow } from "../events/queries.ts";
import type { StaffContext } from "../shared/context.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../shared/errors.ts";
import { parseInput, toId } from "../shared/validate.ts";
import { personInput } from "./input.ts";
import { persons } from "./schema.ts";

export type PersonRow = typeof persons.$inferSelect;

/** Side-event partners may add people (for their side events); only programme editors change existing ones. */
export async function savePerson(ctx: StaffContext, event: EventRow, existing: PersonRow | null, input: unknown): Promise<PersonRow> {
  const allowed = can(ctx.actor, "programme.edit") || (!existing && ctx.actor.role === "side_event_partner" && ctx.actor.sideEventIds.length > 0);
  if (!allowed) throw Forbidden();
  const data = parseInput(personInput, input);
  const text = checkLocalized(event.languages, {
    honorific: data.honorific,
    name: data.name,
    position: data.position,
    organisation: data.organisation,
  });
  if (!Object.values(text.name).some(Boolean)) throw Invalid("validation", { [`name.${event.languages[0]}`]: "required" });
  if (existing && data.version === undefined) throw Invalid("validation", { version: "required" });

  return ctx.db.transaction(async (tx) => {
    const values = { ...text, country: data.country ?? null };
    let saved: PersonRow | undefined;
    if (existing) {
      [saved] = await tx
        .update(persons)
        .set({ ...values, version: data.version! + 1 })
        .where(and(eq(persons.id, existing.id), eq(persons.eventId, event.id), eq(persons.version, data.version!)))
        .returning();
      if (!saved) throw Conflict("conflict.stale", { current: existing.version });
    } else {
      [saved] = await tx
        .insert(persons)
        .values({ eventId: event.id, ...values })
        .returning();
    }
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "person",
      entityId: saved!.id,
      action: existing ? "update" : "create",
      before: existing ?? undefined,
      after: saved,
    });
    return saved!;
  });
}

export async function getPerson(db: DbOrTx, eventId: number, personId: number): Promise<PersonRow> {
  if (toId(personId) === null) throw NotFound("person.not_found");
  const [row] = await db
    .select()
    .from(persons)
    .where(and(eq(persons.id, personId), eq(persons.eventId, eventId)));
  if (!row) throw NotFound("person.not_found");
  return row;
}
