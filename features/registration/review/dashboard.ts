// The numbers of the registration dashboard (app/routes/admin/registration-dashboard.tsx): each one
// aggregate over the event's registrations, counted in the database (GROUP BY) and memoized until the next
// write like the queue's counts, so the page stays cheap at 100,000 registrations.
import { and, asc, desc, eq, notInArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/index.ts";
import type { Localized } from "../../shared/localized.ts";
import { categories, inactiveStatuses, participants, type RegistrationStatus, registrationStatuses } from "../schema.ts";
import { type CountMemo, delegationsWithUse, noMemo } from "./queries.ts";

/** Countries shown by name; the others are summed. */
export const topCountries = 15;
/** Days the chart over time shows at most: the last ones, ending with the last day anyone registered. */
export const daysShown = 60;

export interface CategoryLine {
  id: number;
  name: Localized;
  colour: string;
  letter: string;
  capacity: number | null;
  /** Registrations per status; `active` holds a place (not withdrawn, cancelled or rejected). */
  counts: Record<RegistrationStatus, number>;
  active: number;
}

export interface Dashboard {
  total: number;
  statuses: Record<RegistrationStatus, number>;
  categories: CategoryLine[];
  /** Registrations that hold a place, by country: the most frequent, then the rest summed, then those without one. */
  countries: { top: { code: string; count: number }[]; others: number; otherCountries: number; none: number };
  delegations: { id: number; name: Localized; quota: number; used: number }[];
  /** Registrations received per day (YYYY-MM-DD in the event's time zone), with the running total. */
  days: { day: string; count: number; total: number }[];
}

const active = notInArray(participants.status, [...inactiveStatuses]);
const zeroCounts = () => Object.fromEntries(registrationStatuses.map((s) => [s, 0])) as Record<RegistrationStatus, number>;

/** The day `n` days after a YYYY-MM-DD day (before it if `n` is negative). */
function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** Everything the dashboard shows for one event. */
export async function registrationDashboard(db: DbOrTx, event: { id: number; timezone: string }, memo: CountMemo = noMemo): Promise<Dashboard> {
  const eventId = event.id;
  const key = (part: string) => `dashboard.${part}:${eventId}`;
  const [byCategory, categoryRows, byCountry, delegationRows, byDay] = await Promise.all([
    memo.read(key("categories"), async () =>
      db
        .select({ categoryId: participants.categoryId, status: participants.status, n: sql<number>`count(*)::int` })
        .from(participants)
        .where(eq(participants.eventId, eventId))
        .groupBy(participants.categoryId, participants.status),
    ),
    db
      .select({ id: categories.id, name: categories.name, colour: categories.colour, letter: categories.letter, capacity: categories.capacity })
      .from(categories)
      .where(eq(categories.eventId, eventId))
      .orderBy(asc(categories.position), asc(categories.id)),
    memo.read(key("countries"), async () =>
      db
        .select({ country: participants.country, n: sql<number>`count(*)::int` })
        .from(participants)
        .where(and(eq(participants.eventId, eventId), active))
        .groupBy(participants.country)
        .orderBy(desc(sql`count(*)`), asc(participants.country)),
    ),
    memo.read(key("delegations"), () => delegationsWithUse(db, eventId)),
    // `group by 1`: the time zone is a parameter, and PostgreSQL does not match two parameters as one expression.
    memo.read(key(`days:${event.timezone}`), async () =>
      db
        .select({ day: sql<string>`((${participants.createdAt} at time zone ${event.timezone})::date)::text`, n: sql<number>`count(*)::int` })
        .from(participants)
        .where(eq(participants.eventId, eventId))
        .groupBy(sql`1`)
        .orderBy(sql`1`),
    ),
  ]);

  const statuses = zeroCounts();
  const perCategory = new Map<number, Record<RegistrationStatus, number>>();
  for (const row of byCategory) {
    statuses[row.status] += row.n;
    const counts = perCategory.get(row.categoryId) ?? zeroCounts();
    counts[row.status] += row.n;
    perCategory.set(row.categoryId, counts);
  }
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  const activeOf = (counts: Record<RegistrationStatus, number>) =>
    registrationStatuses.filter((s) => !inactiveStatuses.includes(s)).reduce((a, s) => a + counts[s], 0);

  const named = byCountry.filter((r) => r.country);
  const rest = named.slice(topCountries);

  // The last `daysShown` days up to the last day with a registration; days without any count 0.
  const counted = new Map(byDay.map((r) => [r.day, r.n]));
  const days: Dashboard["days"] = [];
  if (byDay.length) {
    const last = byDay[byDay.length - 1].day;
    const earliest = addDays(last, 1 - daysShown);
    // biome-ignore lint/complexity/useMathMinMax: days are YYYY-MM-DD strings, compared as text.
    const start = byDay[0].day > earliest ? byDay[0].day : earliest;
    let running = byDay.filter((r) => r.day < start).reduce((a, r) => a + r.n, 0);
    for (let day = start; day <= last; day = addDays(day, 1)) {
      const count = counted.get(day) ?? 0;
      running += count;
      days.push({ day, count, total: running });
    }
  }

  return {
    total,
    statuses,
    categories: categoryRows.map((c) => {
      const counts = perCategory.get(c.id) ?? zeroCounts();
      return { ...c, counts, active: activeOf(counts) };
    }),
    countries: {
      top: named.slice(0, topCountries).map((r) => ({ code: r.country!, count: r.n })),
      others: rest.reduce((a, r) => a + r.n, 0),
      otherCountries: rest.length,
      none: byCountry.filter((r) => !r.country).reduce((a, r) => a + r.n, 0),
    },
    delegations: delegationRows.map(({ delegation, used }) => ({ id: delegation.id, name: delegation.name, quota: delegation.quota, used })),
    days,
  };
}
