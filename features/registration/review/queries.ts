import { and, asc, desc, eq, gte, inArray, isNotNull, lt, ne, notInArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../../db/index.ts";
import { zonedToUtc } from "../../../i18n/format.ts";
import { users } from "../../access/schema.ts";
import { formInteger } from "../../shared/validate.ts";
import { categories, delegations, inactiveStatuses, participants, registrationStatuses } from "../schema.ts";
import { translitKey } from "./transliterate.ts";

/** A calendar day, YYYY-MM-DD, that exists (no 31 February). */
const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
  });

export const participantFilters = z.object({
  status: z.enum(registrationStatuses).optional().catch(undefined),
  category: formInteger().positive().optional().catch(undefined),
  delegation: formInteger().positive().optional().catch(undefined),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .catch(undefined),
  /** An organisation's name as written, in any case. */
  organisation: z.string().trim().min(1).max(200).optional().catch(undefined),
  /** Registered on or after this day, on or before `to` (days in the event's time zone). */
  from: calendarDay.optional().catch(undefined),
  to: calendarDay.optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  sort: z.enum(["name", "-name", "created", "-created", "status"]).optional().catch(undefined),
  page: formInteger().min(1).max(100_000).optional().catch(undefined),
});
export type ParticipantFilters = z.infer<typeof participantFilters>;

/** The filters of a query string (the page, its exports): a country code in any case, bad values ignored. */
export function readParticipantFilters(search: URLSearchParams): ParticipantFilters {
  const query = Object.fromEntries(search);
  if (query.country) query.country = query.country.trim().toUpperCase();
  return participantFilters.parse(query);
}

/** The filters that choose rows (not their order or page): what a count depends on. */
const rowFilterKeys = [
  "status",
  "category",
  "delegation",
  "country",
  "organisation",
  "from",
  "to",
  "q",
] as const satisfies readonly (keyof ParticipantFilters)[];

/** What a page of the list depends on: the rows it chooses, their order and the page. */
const pageKeys = [...rowFilterKeys, "sort", "page"] as const satisfies readonly (keyof ParticipantFilters)[];

export const pageSize = 50;

/**
 * What the search matches (a substring of name, email or organisation): one expression, the very one the
 * trigram index `participants_search_idx` is built on (schema.ts), so a search does not read every row.
 */
const participantSearchText = sql`(${participants.familyName} || ' ' || ${participants.givenName} || ' ' || ${participants.email} || ' ' || coalesce(${participants.organisation}, ''))`;

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The instant a day (YYYY-MM-DD) begins in a time zone; `next` moves to the day after. */
function dayStart(day: string, timeZone: string, next = false): Date | null {
  const date = new Date(`${day}T00:00:00Z`);
  if (next) date.setUTCDate(date.getUTCDate() + 1);
  return zonedToUtc(`${date.toISOString().slice(0, 10)}T00:00`, timeZone);
}

/** The queue's filters as SQL conditions: shared by the list, its exports and the API. */
export function participantConditions(event: { id: number; timezone: string }, filters: ParticipantFilters): SQL[] {
  const where: SQL[] = [eq(participants.eventId, event.id)];
  if (filters.status) where.push(eq(participants.status, filters.status));
  if (filters.category) where.push(eq(participants.categoryId, filters.category));
  if (filters.delegation) where.push(eq(participants.delegationId, filters.delegation));
  if (filters.country) where.push(eq(participants.country, filters.country));
  // lower(organisation) is what the index participants_event_organisation_idx holds (schema.ts).
  if (filters.organisation) where.push(sql`lower(${participants.organisation}) = lower(${filters.organisation})`);
  // Registration days, in the event's time zone, as a range of instants on created_at (index
  // participants_event_created_idx). Not an id range: rows written with their own created_at (the demo, a
  // merge) are not in id order.
  const from = filters.from ? dayStart(filters.from, event.timezone) : null;
  const to = filters.to ? dayStart(filters.to, event.timezone, true) : null;
  if (from) where.push(gte(participants.createdAt, from));
  if (to) where.push(lt(participants.createdAt, to));
  if (filters.q) {
    // The text as typed, or the names in any script ("Sergei Ivanov" finds "Сергей Иванов" and "Sergey Ivanov").
    // Only what looks like a name goes through the transliteration: "aziza.custom" is part of an email.
    const key = /^[\p{L}\s'ʻʼ’-]+$/u.test(filters.q) ? translitKey(filters.q) : "";
    where.push(
      key
        ? sql`(${participantSearchText} ilike ${likePattern(filters.q)} or ${participants.translitKey} like ${likePattern(key)})`
        : sql`${participantSearchText} ilike ${likePattern(filters.q)}`,
    );
  }
  return where;
}

export type ParticipantSort = NonNullable<ParticipantFilters["sort"]>;

/** The columns each sort orders by, the last one always the id, so that the order is total (keyset paging relies on it). */
export const sortKeys = {
  name: { columns: [participants.familyName, participants.givenName, participants.id], descending: false },
  "-name": { columns: [participants.familyName, participants.givenName, participants.id], descending: true },
  created: { columns: [participants.id], descending: false },
  "-created": { columns: [participants.id], descending: true },
  status: { columns: [participants.status, participants.familyName, participants.id], descending: false },
} as const satisfies Record<ParticipantSort, unknown>;

export function participantOrder(sort: ParticipantSort | undefined) {
  const { columns, descending } = sortKeys[sort ?? "-created"];
  return columns.map((c) => (descending ? desc(c) : asc(c)));
}

/**
 * Counting 100,000 rows costs more than reading a page of them, on every view. Pages may pass a memo whose
 * values every write to the event clears (the page cache's shared reads of the event: server/page-cache.ts,
 * cleared by each successful write under the event's paths and by each batch of an import), so counts (and
 * the staff list's pages of rows) are exact and mostly free.
 */
export interface CountMemo {
  read<T>(key: string, load: () => Promise<T>): Promise<T>;
}
export const noMemo: CountMemo = { read: (_key, load) => load() };

/** The small per-event tables the list names its rows from: read once between writes (the memo). */
async function listLookups(db: DbOrTx, eventId: number, memo: CountMemo) {
  return memo.read(`participants.lookups:${eventId}`, async () => {
    const [categoryRows, delegationRows] = await Promise.all([
      db
        .select({ id: categories.id, name: categories.name, colour: categories.colour, letter: categories.letter })
        .from(categories)
        .where(eq(categories.eventId, eventId)),
      db.select({ id: delegations.id, name: delegations.name }).from(delegations).where(eq(delegations.eventId, eventId)),
    ]);
    return { categories: new Map(categoryRows.map((c) => [c.id, c])), delegations: new Map(delegationRows.map((d) => [d.id, d.name])) };
  });
}

/**
 * The secretariat's list: filtered, sorted and paged in the database, so it stays fast at 100,000 rows.
 * The page's 50 rows are read alone; their category and delegation are named from the memoized lookups
 * rather than joined, which halves the query's time on the embedded database.
 */
export async function listParticipants(db: DbOrTx, event: { id: number; timezone: string }, filters: ParticipantFilters, memo: CountMemo = noMemo) {
  const eventId = event.id;
  const where = participantConditions(event, filters);
  const order = participantOrder(filters.sort);
  const page = filters.page ?? 1;
  const [rows, [{ total }], lookups] = await Promise.all([
    // The page's rows, like its count, are read once between writes to the event (the memo; every write to the
    // event clears it on every instance): a list looked at again, by the same officer or another, reads nothing.
    memo.read(`participants.page:${eventId}:${event.timezone}:${JSON.stringify(pageKeys.map((key) => filters[key]))}`, async () =>
      db
        .select({
          id: participants.id,
          version: participants.version,
          status: participants.status,
          givenName: participants.givenName,
          familyName: participants.familyName,
          email: participants.email,
          organisation: participants.organisation,
          country: participants.country,
          createdAt: participants.createdAt,
          categoryId: participants.categoryId,
          delegationId: participants.delegationId,
          hasPhoto: sql<boolean>`${participants.photoFileId} is not null`,
        })
        .from(participants)
        // The page's ids first, from the indexes alone: page 1,000 of a 100,000-row list would otherwise read
        // the 49,950 whole rows it skips.
        .where(
          and(
            eq(participants.eventId, eventId),
            inArray(
              participants.id,
              db
                .select({ id: participants.id })
                .from(participants)
                .where(and(...where))
                .orderBy(...order)
                .limit(pageSize)
                .offset((page - 1) * pageSize),
            ),
          ),
        )
        .orderBy(...order),
    ),
    memo.read(
      `participants.count:${eventId}:${event.timezone}:${JSON.stringify(rowFilterKeys.map((key) => filters[key]))}`,
      // A Drizzle query runs each time it is awaited: the memo keeps the promise of one run.
      async () =>
        db
          .select({ total: sql<number>`count(*)::int` })
          .from(participants)
          .where(and(...where)),
    ),
    listLookups(db, eventId, memo),
  ]);
  const named = rows.map((row) => {
    const category = lookups.categories.get(row.categoryId);
    return {
      ...row,
      categoryName: category?.name ?? {},
      categoryColour: category?.colour ?? "#555555",
      categoryLetter: category?.letter ?? "",
      delegationName: row.delegationId === null ? null : (lookups.delegations.get(row.delegationId) ?? null),
    };
  });
  return { rows: named, total, page, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** One registration for the staff page, with its category, delegation and reviewer; undefined if not in this event. */
export async function getParticipantForStaff(db: DbOrTx, eventId: number, id: number) {
  const [row] = await db
    .select({
      participant: participants,
      category: { id: categories.id, name: categories.name, colour: categories.colour, letter: categories.letter },
      delegation: { id: delegations.id, name: delegations.name, deadline: delegations.deadline },
      reviewer: { name: users.name, email: users.email },
    })
    .from(participants)
    .innerJoin(categories, eq(categories.id, participants.categoryId))
    .leftJoin(delegations, eq(delegations.id, participants.delegationId))
    .leftJoin(users, eq(users.id, participants.reviewedBy))
    .where(and(eq(participants.id, id), eq(participants.eventId, eventId)));
  return row;
}

export async function listCategories(db: DbOrTx, eventId: number) {
  return db.select().from(categories).where(eq(categories.eventId, eventId)).orderBy(asc(categories.position), asc(categories.id));
}

/** Counts per status, for the queue's tabs. */
export async function statusCounts(db: DbOrTx, eventId: number, memo: CountMemo = noMemo) {
  const rows = await memo.read(`participants.statusCounts:${eventId}`, async () =>
    db
      .select({ status: participants.status, n: sql<number>`count(*)::int` })
      .from(participants)
      .where(eq(participants.eventId, eventId))
      .groupBy(participants.status),
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
}

/** The event's delegations, each with the places its members take. */
export async function delegationsWithUse(db: DbOrTx, eventId: number) {
  return db
    .select({
      delegation: delegations,
      used: sql<number>`(count(${participants.id}) filter (where ${notInArray(participants.status, [...inactiveStatuses])}))::int`,
    })
    .from(delegations)
    .leftJoin(participants, eq(participants.delegationId, delegations.id))
    .where(eq(delegations.eventId, eventId))
    .groupBy(delegations.id)
    .orderBy(asc(delegations.id));
}

/** How many organisations the filter offers to pick from. */
export const organisationChoices = 200;

/**
 * The event's most common organisations, for the filter to offer (a `<datalist>`): one pass over the
 * event's rows, memoized like the counts; spellings differing only in case are offered once.
 */
export async function commonOrganisations(db: DbOrTx, eventId: number, memo: CountMemo = noMemo): Promise<string[]> {
  return memo.read(`participants.organisations:${eventId}`, async () => {
    const rows = await db
      .select({ name: participants.organisation, n: sql<number>`count(*)::int` })
      .from(participants)
      .where(and(eq(participants.eventId, eventId), isNotNull(participants.organisation), ne(participants.organisation, "")))
      .groupBy(participants.organisation)
      .orderBy(desc(sql`count(*)`), asc(participants.organisation))
      .limit(organisationChoices + 50);
    const byLowerCase = new Map<string, string>();
    for (const { name } of rows) if (!byLowerCase.has(name!.toLowerCase())) byLowerCase.set(name!.toLowerCase(), name!);
    return [...byLowerCase.values()].slice(0, organisationChoices);
  });
}

/** Registrations of one event by id, for naming them in a message. */
export async function participantsByIds(db: DbOrTx, eventId: number, ids: number[]) {
  return ids.length
    ? db
        .select()
        .from(participants)
        .where(and(eq(participants.eventId, eventId), inArray(participants.id, ids)))
    : [];
}
