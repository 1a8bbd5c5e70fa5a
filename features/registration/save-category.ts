import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import { checkLocalized } from "../events/check-languages.ts";
import type { EventRow } from "../events/queries.ts";
import type { StaffContext } from "../shared/context.ts";
import { Conflict, Forbidden, Invalid, NotFound } from "../shared/errors.ts";
import { localizedSchema } from "../shared/localized.ts";
import { int4Max, parseInput } from "../shared/validate.ts";
import { attendanceModes, categories, standardFields } from "./schema.ts";

export type CategoryRow = typeof categories.$inferSelect;

const emptyToNull = (v: unknown) => (v === "" || v == null ? null : v);
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** A category as the staff form sends it. The code is chosen once, at creation: nominations find `hod` by it. */
export const categoryInput = z.object({
  name: localizedSchema,
  colour: z
    .string("required")
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, "color.invalid")
    .transform((c) => c.toLowerCase()),
  letter: z
    .string("required")
    .trim()
    .regex(/^[\p{L}\p{N}]{1,2}$/u, "category.letter")
    .transform((l) => l.toUpperCase()),
  attendance: z.enum(attendanceModes, "invalid"),
  /** Empty: no limit. */
  capacity: z.preprocess(emptyToNull, z.coerce.number("invalid").int("invalid").min(0, "invalid").max(1_000_000, "invalid").nullable()),
  openRegistration: checkbox,
  accessCode: z.preprocess(emptyToNull, z.string().trim().max(100, "too_long").nullable()),
  requiredFields: z
    .array(z.enum(standardFields, "invalid"))
    .default([])
    .transform((f) => [...new Set(f)]),
});

const newCategoryInput = categoryInput.extend({
  code: z
    .string("required")
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, "category.code_format"),
});

const version = z.object({ version: z.coerce.number("required").int("required").positive("required").max(int4Max, "invalid") });

/**
 * Creates a category (`existing` null) or saves one. A save carries the version the organiser saw:
 * a stale one answers 409 and changes nothing. Codes are unique per event.
 */
export async function saveCategory(ctx: StaffContext, event: EventRow, existing: CategoryRow | null, input: unknown): Promise<CategoryRow> {
  if (!can(ctx.actor, "registrations.manage")) throw Forbidden();
  const data = parseInput(existing ? categoryInput.extend(version.shape) : newCategoryInput, input);
  const { name } = checkLocalized(event.languages, { name: data.name }, ["name"]);
  const values = {
    name,
    colour: data.colour,
    letter: data.letter,
    attendance: data.attendance,
    capacity: data.capacity,
    openRegistration: data.openRegistration,
    accessCode: data.accessCode,
    requiredFields: data.requiredFields,
  };
  return ctx.db.transaction(async (tx) => {
    let saved: CategoryRow | undefined;
    if (existing) {
      const seen = (data as { version: number }).version;
      [saved] = await tx
        .update(categories)
        .set({ ...values, version: seen + 1 })
        .where(and(eq(categories.id, existing.id), eq(categories.eventId, event.id), eq(categories.version, seen)))
        .returning();
      if (!saved) throw Conflict("conflict.stale", { current: existing.version });
    } else {
      const code = (data as { code: string }).code;
      const [{ next }] = await tx
        .select({ next: sql<number>`coalesce(max(${categories.position}) + 1, 0)::int` })
        .from(categories)
        .where(eq(categories.eventId, event.id));
      // The unique index decides between two organisers adding the same code at once.
      [saved] = await tx
        .insert(categories)
        .values({ ...values, eventId: event.id, code, position: next })
        .onConflictDoNothing()
        .returning();
      if (!saved) throw Invalid("validation", { code: "category.code_taken" });
    }
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "category",
      entityId: saved.id,
      action: existing ? "update" : "create",
      before: existing ?? undefined,
      after: saved,
    });
    return saved;
  });
}

export async function getCategory(ctx: StaffContext, event: EventRow, id: number | null): Promise<CategoryRow> {
  if (!id) throw NotFound();
  const [row] = await ctx.db
    .select()
    .from(categories)
    .where(and(eq(categories.id, id), eq(categories.eventId, event.id)));
  if (!row) throw NotFound();
  return row;
}
