import { and, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { badgeRevocations, badges } from "../badges/schema.ts";
import { categories, participants } from "../registration/schema.ts";
import type { RosterState } from "./decide.ts";

export interface RosterEntry extends RosterState {
  participantId: number;
  name: string;
  localName: string | null;
  organisation: string | null;
  country: string | null;
  /** Whether this kiosk's door admits the person's category: only then is a photo sent. */
  photo: boolean;
  /** The cursor of this row: its last change, then its id. */
  changed: string;
}

/** A position in the roster: the last change seen and the id that broke the tie. */
export interface RosterCursor {
  at: string;
  id: number;
}

export function parseRosterCursor(value: string | undefined | null): RosterCursor | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_(\d{1,10})$/.exec(value);
  if (!m || Number.isNaN(Date.parse(m[1]))) return null;
  return { at: m[1], id: Number(m[2]) };
}

export const formatRosterCursor = (c: RosterCursor) => `${c.at}_${c.id}`;

/**
 * One page of the roster after `cursor`, oldest change first: every badge holder whose badge or
 * registration changed since, so a kiosk learns of a withdrawal or a new category too. The first sync
 * starts with no cursor and pages through everyone; a broken download resumes from its last cursor.
 */
export async function rosterPage(db: DbOrTx, eventId: number, admitted: readonly number[], cursor: RosterCursor | null, limit: number) {
  const changed = sql<Date>`greatest(${badges.updatedAt}, ${participants.updatedAt})`;
  // Compared as text cast by the database: a JavaScript Date would drop the microseconds and repeat rows.
  const after = cursor ? sql`(${changed}, ${participants.id}) > (${cursor.at}::timestamptz, ${cursor.id}::int)` : undefined;
  const rows = await db
    .select({
      participantId: participants.id,
      version: badges.version,
      categoryId: participants.categoryId,
      status: participants.status,
      revokedAt: badges.revokedAt,
      given: participants.givenName,
      family: participants.familyName,
      givenLocal: participants.givenNameLocal,
      familyLocal: participants.familyNameLocal,
      organisation: participants.organisation,
      country: participants.country,
      hasPhoto: sql<boolean>`${participants.photoFileId} is not null`,
      changed: sql<string>`to_char(${changed} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(badges)
    .innerJoin(participants, eq(participants.id, badges.participantId))
    .innerJoin(categories, eq(categories.id, participants.categoryId))
    .where(and(eq(badges.eventId, eventId), after))
    .orderBy(changed, participants.id)
    .limit(limit + 1);
  const page = rows.slice(0, limit).map(
    (r): RosterEntry => ({
      participantId: r.participantId,
      version: r.version,
      categoryId: r.categoryId,
      active: r.status === "approved" && r.revokedAt === null,
      name: `${r.given} ${r.family}`,
      localName: r.givenLocal || r.familyLocal ? [r.givenLocal, r.familyLocal].filter(Boolean).join(" ") : null,
      organisation: r.organisation,
      country: r.country,
      photo: r.hasPhoto && (admitted.length === 0 || admitted.includes(r.categoryId)),
      changed: r.changed,
    }),
  );
  const last = page.at(-1);
  return {
    entries: page,
    cursor: last ? formatRosterCursor({ at: last.changed, id: last.participantId }) : cursor ? formatRosterCursor(cursor) : null,
    more: rows.length > limit,
  };
}

/** Revocations after `afterId`, for the kiosk's list. */
export async function revocationsSince(db: DbOrTx, eventId: number, afterId: number, limit = 5000) {
  const rows = await db
    .select({ id: badgeRevocations.id, participantId: badgeRevocations.participantId, version: badgeRevocations.version })
    .from(badgeRevocations)
    .where(and(eq(badgeRevocations.eventId, eventId), gt(badgeRevocations.id, afterId)))
    .orderBy(badgeRevocations.id)
    .limit(limit);
  return {
    revocations: rows.map(({ participantId, version }) => ({ participantId, version })),
    cursor: rows.at(-1)?.id ?? afterId,
    more: rows.length === limit,
  };
}
