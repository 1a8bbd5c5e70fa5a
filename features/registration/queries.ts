import { and, asc, desc, eq, ilike, notInArray, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../db/index.ts";
import { categories, delegations, inactiveStatuses, participants, registrationStatuses } from "./schema.ts";

export const participantFilters = z.object({
  status: z.enum(registrationStatuses).optional().catch(undefined),
  category: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  delegation: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  country: z.string().regex(/^[A-Z]{2}$/).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  sort: z.enum(["name", "-name", "created", "-created", "status"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type ParticipantFilters = z.infer<typeof participantFilters>;

export const pageSize = 50;

/** The secretariat's list: filtered, sorted and paged in the database, so it stays fast at 100,000 rows. */
export async function listParticipants(db: DbOrTx, eventId: number, filters: ParticipantFilters) {
  const where: SQL[] = [eq(participants.eventId, eventId)];
  if (filters.status) where.push(eq(participants.status, filters.status));
  if (filters.category) where.push(eq(participants.categoryId, filters.category));
  if (filters.delegation) where.push(eq(participants.delegationId, filters.delegation));
  if (filters.country) where.push(eq(participants.country, filters.country));
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(participants.familyName, like), ilike(participants.givenName, like), ilike(participants.email, like), ilike(participants.organisation, like))!);
  }
  const order = {
    name: [asc(participants.familyName), asc(participants.givenName), asc(participants.id)],
    "-name": [desc(participants.familyName), desc(participants.givenName), desc(participants.id)],
    created: [asc(participants.id)],
    "-created": [desc(participants.id)],
    status: [asc(participants.status), asc(participants.familyName), asc(participants.id)],
  }[filters.sort ?? "-created"];
  const page = filters.page ?? 1;
  const [rows, [{ total }]] = await Promise.all([
    db.select({
      id: participants.id, version: participants.version, status: participants.status, givenName: participants.givenName, familyName: participants.familyName,
      email: participants.email, organisation: participants.organisation, country: participants.country, createdAt: participants.createdAt,
      categoryId: participants.categoryId, categoryName: categories.name, categoryColour: categories.colour, categoryLetter: categories.letter,
      delegationId: participants.delegationId, delegationName: delegations.name,
    }).from(participants)
      .innerJoin(categories, eq(categories.id, participants.categoryId))
      .leftJoin(delegations, eq(delegations.id, participants.delegationId))
      .where(and(...where)).orderBy(...order).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(participants).where(and(...where)),
  ]);
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

export async function listCategories(db: DbOrTx, eventId: number) {
  return db.select().from(categories).where(eq(categories.eventId, eventId)).orderBy(asc(categories.position), asc(categories.id));
}

/** Counts per status, for the queue's tabs. */
export async function statusCounts(db: DbOrTx, eventId: number) {
  const rows = await db.select({ status: participants.status, n: sql<number>`count(*)::int` }).from(participants)
    .where(eq(participants.eventId, eventId)).groupBy(participants.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
}

/** The event's delegations, each with the places its members take. */
export async function delegationsWithUse(db: DbOrTx, eventId: number) {
  return db.select({ delegation: delegations, used: sql<number>`(count(${participants.id}) filter (where ${notInArray(participants.status, [...inactiveStatuses])}))::int` })
    .from(delegations).leftJoin(participants, eq(participants.delegationId, delegations.id))
    .where(eq(delegations.eventId, eventId)).groupBy(delegations.id).orderBy(asc(delegations.id));
}
