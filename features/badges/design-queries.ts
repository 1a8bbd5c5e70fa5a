import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { categories } from "../registration/schema.ts";
import { NotFound } from "../shared/errors.ts";
import { type BadgeDesign, builtInDesign } from "./design.ts";
import { badgeDesigns } from "./schema.ts";

export type BadgeDesignRow = typeof badgeDesigns.$inferSelect;

/** A stored design as the layout reads it. */
export function designOfRow(row: BadgeDesignRow): BadgeDesign {
  return {
    size: row.size,
    layout: row.layout,
    sides: row.sides === 2 ? 2 : 1,
    front: { ...builtInDesign.front, ...row.front },
    bandPosition: row.bandPosition,
    textColour: row.textColour,
    backgroundColour: row.backgroundColour,
    backCode: row.backCode,
    backText: row.backText,
  };
}

/** An event's designs, its default first. */
export async function listBadgeDesigns(db: DbOrTx, eventId: number): Promise<BadgeDesignRow[]> {
  return db.select().from(badgeDesigns).where(eq(badgeDesigns.eventId, eventId)).orderBy(sql`${badgeDesigns.categoryId} is not null`, asc(badgeDesigns.id));
}

/** One of the event's designs; 404 for another event's or none. */
export async function getBadgeDesign(db: DbOrTx, eventId: number, id: number | null): Promise<BadgeDesignRow> {
  const [row] = id
    ? await db
        .select()
        .from(badgeDesigns)
        .where(and(eq(badgeDesigns.eventId, eventId), eq(badgeDesigns.id, id)))
    : [];
  if (!row) throw NotFound("badge_design.not_found");
  return row;
}

export interface ResolvedDesign {
  /** The stored design drawn, or null for the built-in one. */
  id: number | null;
  design: BadgeDesign;
}

/** Which design a category's badges are drawn with: its own, else the event's default, else the built-in one. */
export function designResolver(rows: readonly BadgeDesignRow[]): (categoryId: number) => ResolvedDesign {
  const fallback = rows.find((r) => r.categoryId === null);
  const byCategory = new Map(rows.filter((r) => r.categoryId !== null).map((r) => [r.categoryId, r]));
  return (categoryId) => {
    const row = byCategory.get(categoryId) ?? fallback;
    return row ? { id: row.id, design: designOfRow(row) } : { id: null, design: builtInDesign };
  };
}

/** Which design each category printed in person draws with now: its own, the event's default, or null (the built-in one). */
export async function designsInForce(db: DbOrTx, eventId: number, rows: readonly BadgeDesignRow[]): Promise<{ categoryId: number; designId: number | null }[]> {
  const designOf = designResolver(rows);
  const inPerson = await db
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.eventId, eventId), eq(categories.attendance, "in_person")))
    .orderBy(asc(categories.position), asc(categories.id));
  return inPerson.map((c) => ({ categoryId: c.id, designId: designOf(c.id).id }));
}
