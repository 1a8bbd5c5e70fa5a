// Creating, changing and deleting an event's badge designs (role badges.manage). A change is checked against
// the version the person saw: a lost race is a 409 `conflict.stale` (the page shows what changed since).
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import { categories } from "../registration/schema.ts";
import type { StaffContext } from "../shared/context.ts";
import { AppError, Conflict, Forbidden, Invalid } from "../shared/errors.ts";
import { cleanLocalized } from "../shared/localized.ts";
import { formInteger, parseInput } from "../shared/validate.ts";
import { type BadgeDesign, contrastRatio, designInput, minContrast } from "./design.ts";
import { type BadgeDesignRow, designOfRow, listBadgeDesigns } from "./design-queries.ts";
import { badgeDesigns } from "./schema.ts";

const stale = () => new AppError(409, "conflict.stale");
export const designCategoryInput = z.object({ categoryId: z.union([z.literal(""), z.null(), formInteger().positive("invalid")]).optional() });
export const designVersionInput = z.object({ version: formInteger().positive("conflict.stale") });

/** The design the input describes, checked: colours that a guard can read, the back's text in the event's languages. */
function checkedDesign(event: EventRow, input: unknown): BadgeDesign {
  const data = parseInput(designInput, input);
  const ratio = contrastRatio(data.textColour, data.backgroundColour);
  if (ratio < minContrast) {
    throw Invalid("validation", { textColour: "badge_design.contrast" }, { ratio: ratio.toFixed(1), min: String(minContrast) });
  }
  return { ...data, sides: data.sides === 2 ? 2 : 1, backText: cleanLocalized(data.backText, event.languages) };
}

/**
 * A new design: the event's default (no category) or one category's. Fields not given start from the
 * design that category prints with now, so "add a design for Media" begins from what Media looks like.
 */
export async function createBadgeDesign(ctx: StaffContext, event: EventRow, input: Record<string, unknown>): Promise<BadgeDesignRow> {
  if (!can(ctx.actor, "badges.manage")) throw Forbidden();
  const { categoryId: rawCategory } = parseInput(designCategoryInput, input);
  const categoryId = typeof rawCategory === "number" ? rawCategory : null;
  if (categoryId !== null) {
    const [category] = await ctx.db
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.eventId, event.id), eq(categories.id, categoryId)));
    if (!category) throw Invalid("validation", { categoryId: "registration.category_unknown" });
  }
  const existing = await listBadgeDesigns(ctx.db, event.id);
  if (existing.some((d) => d.categoryId === categoryId)) throw Conflict("badge_design.exists");
  const start = existing.find((d) => d.categoryId === null);
  const design = checkedDesign(event, { ...(start ? designOfRow(start) : {}), ...withoutKeys(input, ["categoryId", "version"]) });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(badgeDesigns)
      .values({ eventId: event.id, categoryId, ...design, createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoNothing()
      .returning();
    if (!row) throw Conflict("badge_design.exists");
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "badge_design", entityId: row.id, action: "create", after: row });
    return row;
  });
}

/** Changes a design if it is still at the version the person saw. */
export async function updateBadgeDesign(ctx: StaffContext, event: EventRow, existing: BadgeDesignRow, input: Record<string, unknown>): Promise<BadgeDesignRow> {
  if (!can(ctx.actor, "badges.manage")) throw Forbidden();
  const { version } = parseInput(designVersionInput, input);
  if (version !== existing.version) throw stale();
  const design = checkedDesign(event, withoutKeys(input, ["categoryId", "version"]));
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(badgeDesigns)
      .set({ ...design, version: existing.version + 1, updatedAt: ctx.now })
      .where(and(eq(badgeDesigns.id, existing.id), eq(badgeDesigns.eventId, event.id), eq(badgeDesigns.version, version)))
      .returning();
    if (!row) throw stale();
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "badge_design",
      entityId: row.id,
      action: "update",
      before: existing,
      after: row,
    });
    return row;
  });
}

/** Deletes a design: its category prints with the event's default again (the default itself, with the built-in one). */
export async function deleteBadgeDesign(ctx: StaffContext, event: EventRow, existing: BadgeDesignRow, input: Record<string, unknown>): Promise<void> {
  if (!can(ctx.actor, "badges.manage")) throw Forbidden();
  const { version } = parseInput(designVersionInput, input);
  if (version !== existing.version) throw stale();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(badgeDesigns)
      .where(and(eq(badgeDesigns.id, existing.id), eq(badgeDesigns.eventId, event.id), eq(badgeDesigns.version, version)))
      .returning({ id: badgeDesigns.id });
    if (!row) throw stale();
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "badge_design", entityId: existing.id, action: "delete", before: existing });
  });
}

function withoutKeys(input: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(Object.entries(input).filter(([k]) => !keys.includes(k)));
}
