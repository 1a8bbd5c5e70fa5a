import { and, asc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/index.ts";
import { recordAudit } from "../../access/audit.ts";
import { can } from "../../access/policy.ts";
import type { EventRow } from "../../events/queries.ts";
import type { StaffContext } from "../../shared/context.ts";
import { Forbidden, Invalid, NotFound } from "../../shared/errors.ts";
import { toId } from "../../shared/validate.ts";
import { categories, delegations, distinctPairs, participants } from "../schema.ts";
import { foldName } from "./name-key.ts";

/**
 * Registrations that are probably one person twice (issue 5: one accreditation per person per event).
 * The same email cannot happen (a unique index); what can is a second registration under another address,
 * e.g. nominated by a delegation and registered openly. Two signs, grouped in the database:
 * - `identity`: the same keyed hash of names and date of birth (crypto.ts), birth dates never decrypted;
 * - `names`: the same folded names (Latin, or in the person's own script) and the same country or
 *   organisation, where one of the two has no date of birth to compare: a weaker sign.
 * Pairs a reviewer said are different people are left out. Merging is in merge-participants.ts.
 */

export type DuplicateReason = "identity" | "names";
export interface DuplicateGroup {
  /** Registration ids, ascending. */
  ids: number[];
  reasons: DuplicateReason[];
  /** Only names matched: no date of birth confirms it. */
  weak: boolean;
  /** Pairs a reviewer may merge or set apart (none marked distinct), at most `maxPairs`. */
  pairs: [number, number][];
}

const maxPairs = 10;

const organisationKey = sql`nullif(${foldName(sql`coalesce(${participants.organisation}, '')`)}, '')`;

/** `low:high`, the key of a pair marked distinct. */
export const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

async function distinctPairsOf(db: DbOrTx, eventId: number): Promise<Set<string>> {
  const rows = await db.select({ low: distinctPairs.lowId, high: distinctPairs.highId }).from(distinctPairs).where(eq(distinctPairs.eventId, eventId));
  return new Set(rows.map((r) => `${r.low}:${r.high}`));
}

/**
 * Groups of two or more registrations of the event that are probably the same person, strong ones first.
 * Each sign is one GROUP BY in the database (names are folded when written: schema.ts `name_key`); only the
 * groups found come back, and are joined (a person may match one registration by date of birth and another
 * by name) in linear time, without the pairs marked distinct. About 0.1 s for 100,000 registrations.
 */
export async function findDuplicateGroups(db: DbOrTx, eventId: number): Promise<DuplicateGroup[]> {
  const { nameKey: name, localNameKey: local } = participants;
  // Names borne by more than one registration first, read off the indexes on the folded names; only their
  // rows are then compared by country and organisation.
  const result = await db.execute(sql`WITH names AS (
      SELECT ${name} AS key FROM ${participants} WHERE ${participants.eventId} = ${eventId} GROUP BY 1 HAVING count(*) > 1
    ), locals AS (
      SELECT ${local} AS key FROM ${participants} WHERE ${participants.eventId} = ${eventId} AND ${local} IS NOT NULL GROUP BY 1 HAVING count(*) > 1
    ), keyed AS MATERIALIZED (
      SELECT ${participants.id} AS id, ${participants.identityHash} AS hash, ${participants.country} AS country,
        ${organisationKey} AS org, ${name} AS name, ${local} AS local
      FROM ${participants} WHERE ${participants.eventId} = ${eventId} AND (${name} IN (SELECT key FROM names) OR ${local} IN (SELECT key FROM locals))
    )
    SELECT 'identity' AS reason, string_agg(${participants.id}::text, ',' ORDER BY ${participants.id}) AS ids FROM ${participants}
      WHERE ${participants.eventId} = ${eventId} AND ${participants.identityHash} IS NOT NULL GROUP BY ${participants.identityHash} HAVING count(*) > 1
    UNION ALL
    SELECT 'names', string_agg(id::text, ',' ORDER BY id) FROM keyed WHERE country IS NOT NULL GROUP BY name, country HAVING count(*) > 1 AND bool_or(hash IS NULL)
    UNION ALL
    SELECT 'names', string_agg(id::text, ',' ORDER BY id) FROM keyed WHERE org IS NOT NULL GROUP BY name, org HAVING count(*) > 1 AND bool_or(hash IS NULL)
    UNION ALL
    SELECT 'names', string_agg(id::text, ',' ORDER BY id) FROM keyed WHERE local IS NOT NULL AND country IS NOT NULL GROUP BY local, country HAVING count(*) > 1 AND bool_or(hash IS NULL)
    UNION ALL
    SELECT 'names', string_agg(id::text, ',' ORDER BY id) FROM keyed WHERE local IS NOT NULL AND org IS NOT NULL GROUP BY local, org HAVING count(*) > 1 AND bool_or(hash IS NULL)`);
  // node-postgres and PGlite both answer with `rows`.
  const found = (result as unknown as { rows: { reason: DuplicateReason; ids: string }[] }).rows.map((r) => ({
    reason: r.reason,
    ids: r.ids.split(",").map(Number),
  }));
  return joinGroups(found, await distinctPairsOf(db, eventId));
}

/** Connected registrations (union-find), each link made by one sign and not marked distinct. */
export function joinGroups(found: { reason: DuplicateReason; ids: number[] }[], distinct: Set<string>): DuplicateGroup[] {
  const parent = new Map<number, number>();
  const root = (id: number): number => {
    let r = id;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(id, r);
    return r;
  };
  const links: [number, DuplicateReason][] = [];
  const link = (a: number, b: number, reason: DuplicateReason) => {
    parent.set(root(b), root(a));
    links.push([a, reason]);
  };
  const decided = new Set([...distinct].flatMap((k) => k.split(":").map(Number)));
  for (const { reason, ids } of found) {
    if (!ids.some((id) => decided.has(id))) {
      for (const id of ids.slice(1)) link(ids[0], id, reason);
      continue;
    }
    // Only groups holding a pair someone decided on are looked at pair by pair (they are few and small).
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) if (!distinct.has(pairKey(ids[i], ids[j]))) link(ids[i], ids[j], reason);
    }
  }
  const members = new Map<number, number[]>();
  for (const id of parent.keys()) {
    const r = root(id);
    if (members.has(r)) members.get(r)!.push(id);
    else members.set(r, [id]);
  }
  const reasons = new Map<number, Set<DuplicateReason>>();
  for (const [id, reason] of links) {
    const r = root(id);
    reasons.set(r, (reasons.get(r) ?? new Set()).add(reason));
  }
  return [...members.entries()]
    .filter(([, ids]) => ids.length > 1)
    .map(([r, ids]) => {
      const why = [...reasons.get(r)!].sort();
      ids.sort((a, b) => a - b);
      const pairs: [number, number][] = [];
      for (let i = 0; i < ids.length && pairs.length < maxPairs; i++) {
        for (let j = i + 1; j < ids.length && pairs.length < maxPairs; j++) if (!distinct.has(pairKey(ids[i], ids[j]))) pairs.push([ids[i], ids[j]]);
      }
      return { ids, reasons: why, weak: !why.includes("identity"), pairs };
    })
    .sort((a, b) => Number(a.weak) - Number(b.weak) || a.ids[0] - b.ids[0]);
}

/** What the duplicates page shows of each registration (no ID data, no date of birth). */
export async function duplicateDetails(db: DbOrTx, eventId: number, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: participants.id,
      version: participants.version,
      status: participants.status,
      honorific: participants.honorific,
      givenName: participants.givenName,
      familyName: participants.familyName,
      givenNameLocal: participants.givenNameLocal,
      familyNameLocal: participants.familyNameLocal,
      email: participants.email,
      organisation: participants.organisation,
      position: participants.position,
      country: participants.country,
      createdAt: participants.createdAt,
      hasBirthDate: sql<boolean>`${participants.birthDateEnc} IS NOT NULL`,
      categoryName: categories.name,
      categoryColour: categories.colour,
      categoryLetter: categories.letter,
      delegationName: delegations.name,
    })
    .from(participants)
    .innerJoin(categories, eq(categories.id, participants.categoryId))
    .leftJoin(delegations, eq(delegations.id, participants.delegationId))
    .where(and(eq(participants.eventId, eventId), inArray(participants.id, ids)))
    .orderBy(asc(participants.id));
}

/**
 * The registrations one person's may duplicate, by the same signs (for a warning on their page). Reads
 * through the indexes on the identity hash and the folded names, never the event's every row.
 */
export async function possibleDuplicatesOf(db: DbOrTx, eventId: number, participantId: number) {
  const [me] = await db
    .select({
      hash: participants.identityHash,
      country: participants.country,
      org: organisationKey,
      name: participants.nameKey,
      local: participants.localNameKey,
    })
    .from(participants)
    .where(and(eq(participants.id, participantId), eq(participants.eventId, eventId)));
  if (!me) return [];
  const sameNames = or(me.name ? eq(participants.nameKey, me.name) : undefined, me.local ? eq(participants.localNameKey, me.local) : undefined);
  const samePlace = or(me.country ? eq(participants.country, me.country) : undefined, me.org ? eq(organisationKey, me.org) : undefined);
  const byNames = samePlace ? and(sameNames, me.hash ? isNull(participants.identityHash) : undefined, samePlace) : undefined;
  const byIdentity = me.hash ? eq(participants.identityHash, me.hash) : undefined;
  if (!byNames && !byIdentity) return [];
  const peers = await db
    .select({ id: participants.id, givenName: participants.givenName, familyName: participants.familyName, email: participants.email })
    .from(participants)
    .where(and(eq(participants.eventId, eventId), ne(participants.id, participantId), or(byIdentity, byNames)))
    .orderBy(asc(participants.id))
    .limit(20);
  if (!peers.length) return [];
  const distinct = await distinctPairsOf(db, eventId);
  return peers.filter((p) => !distinct.has(pairKey(p.id, participantId)));
}

/** A reviewer's word that two registrations are different people: they are no longer offered as duplicates. */
export async function markDistinct(ctx: StaffContext, event: EventRow, input: { a: unknown; b: unknown }): Promise<void> {
  if (!can(ctx.actor, "registrations.review")) throw Forbidden();
  const a = toId(input.a);
  const b = toId(input.b);
  if (!a || !b) throw NotFound("registration.not_found");
  if (a === b) throw Invalid("validation", { b: "duplicates.same_registration" });
  const [low, high] = a < b ? [a, b] : [b, a];
  await ctx.db.transaction(async (tx) => {
    const found = await tx
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.eventId, event.id), inArray(participants.id, [low, high])));
    if (found.length !== 2) throw NotFound("registration.not_found");
    const inserted = await tx
      .insert(distinctPairs)
      .values({ eventId: event.id, lowId: low, highId: high, decidedBy: ctx.actor.userId, decidedAt: ctx.now })
      .onConflictDoNothing()
      .returning({ low: distinctPairs.lowId });
    if (inserted.length) {
      await recordAudit(tx, {
        eventId: event.id,
        actorId: ctx.actor.userId,
        entity: "participant",
        entityId: low,
        action: "update",
        after: { distinctFrom: high },
      });
    }
  });
}
