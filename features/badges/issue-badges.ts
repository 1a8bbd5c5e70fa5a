import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import type { EventRow } from "../events/queries.ts";
import { photoThumbnails } from "../files/schema.ts";
import { categories, participants } from "../registration/schema.ts";
import { claimsBytes, dayNumber, encodeCode } from "./code.ts";
import { type SigningKey, signBytes, signingKey } from "./keys.ts";
import { badgeRevocations, badges } from "./schema.ts";

export type BadgeRow = typeof badges.$inferSelect;

/** The event's days, which every code signs (docs/decisions/0018): a badge for other days opens no door. */
type EventDays = Pick<EventRow, "startDate" | "endDate">;

/** A badge signed for days the event no longer has: refused at every door until issued again. */
export const signedForOtherDays = (event: EventDays) => sql`(${badges.firstDay} <> ${event.startDate} or ${badges.lastDay} <> ${event.endDate})`;

/**
 * A badge in force that no longer matches: its person is in another category, it was withdrawn, or it was
 * signed for days the event no longer has (the dates were moved). Such a badge is issued again, and printed
 * again ("changed since the last print"). Over `participants` left-joined to `badges`.
 */
export const badgeOutdated = (event: EventDays) =>
  sql`(${badges.categoryId} <> ${participants.categoryId} or ${badges.revokedAt} is not null or ${signedForOtherDays(event)})`;

/** Who gets a badge: approved, in a category that attends in person. */
export const badgeEligible = (eventId: number) =>
  and(eq(participants.eventId, eventId), eq(participants.status, "approved"), eq(categories.attendance, "in_person"));

export interface IssueOptions {
  /** Raise the version even when nothing changed (a lost badge, a reprint): the old code is revoked at once. */
  reprint?: boolean;
}

/**
 * Makes sure each of these accreditations holds a badge that matches it: a first badge for the newly
 * approved, a new version (the old one revoked) for a changed category, a withdrawn badge made good again.
 * Returns the badges now in force, in the order asked. Inside the caller's transaction.
 */
export async function issueBadges(
  tx: DbOrTx,
  event: EventRow,
  participantIds: readonly number[],
  secret: string,
  now: Date,
  options: IssueOptions = {},
): Promise<BadgeRow[]> {
  if (participantIds.length === 0) return [];
  const people = await tx
    .select({ id: participants.id, categoryId: participants.categoryId, badge: badges, outdated: sql<boolean>`coalesce(${badgeOutdated(event)}, false)` })
    .from(participants)
    .innerJoin(categories, eq(categories.id, participants.categoryId))
    .leftJoin(badges, eq(badges.participantId, participants.id))
    .where(and(badgeEligible(event.id), inArray(participants.id, [...participantIds])));
  let key: SigningKey | null = null;
  const out = new Map<number, BadgeRow>();
  for (const person of people) {
    const old = person.badge;
    if (old && !person.outdated && !options.reprint) {
      out.set(person.id, old);
      continue;
    }
    key ??= await signingKey(tx, event.id, secret);
    const version = (old?.version ?? 0) + 1;
    const claims = {
      eventId: event.id,
      participantId: person.id,
      version,
      categoryId: person.categoryId,
      firstDay: dayNumber(event.startDate),
      lastDay: dayNumber(event.endDate),
      keyId: key.keyId,
    };
    const signed = claimsBytes(claims);
    const code = encodeCode(signed, signBytes(key, signed));
    const values = {
      version,
      categoryId: person.categoryId,
      keyId: key.keyId,
      firstDay: event.startDate,
      lastDay: event.endDate,
      code,
      issuedAt: now,
      // A new version is a new piece of plastic: not yet handed to anyone.
      handedOverAt: null,
      handedOverBy: null,
      revokedAt: null,
      updatedAt: now,
    };
    if (old) {
      // The old code stops at every kiosk from its next sync, and at once online.
      await tx
        .insert(badgeRevocations)
        .values({
          eventId: event.id,
          participantId: person.id,
          version: old.version,
          reason: old.categoryId !== person.categoryId ? "category_changed" : "reprinted",
          revokedAt: now,
        })
        .onConflictDoNothing();
      const [row] = await tx.update(badges).set(values).where(eq(badges.id, old.id)).returning();
      out.set(person.id, row);
    } else {
      const [row] = await tx
        .insert(badges)
        .values({ eventId: event.id, participantId: person.id, ...values })
        .returning();
      out.set(person.id, row);
    }
  }
  return participantIds.flatMap((id) => out.get(id) ?? []);
}

/** The ids of every accreditation that should hold a badge and holds none, or holds one that no longer matches. */
export async function participantsNeedingBadges(db: DbOrTx, event: EventRow): Promise<number[]> {
  const rows = await db
    .select({ id: participants.id })
    .from(participants)
    .innerJoin(categories, eq(categories.id, participants.categoryId))
    .leftJoin(badges, eq(badges.participantId, participants.id))
    .where(and(badgeEligible(event.id), sql`(${badges.id} is null or ${badgeOutdated(event)})`))
    .orderBy(participants.id);
  return rows.map((r) => r.id);
}

/** Accredited people who will get the placeholder instead of a photo, for the secretariat to chase. */
export async function peopleWithoutPhoto(db: DbOrTx, eventId: number) {
  return db
    .select({
      id: participants.id,
      givenName: participants.givenName,
      familyName: participants.familyName,
      email: participants.email,
      /** "none": never sent one; "unreadable": sent bytes that are not an image a badge can show. */
      reason: sql<"none" | "unreadable">`case when ${participants.photoFileId} is null then 'none' else 'unreadable' end`,
    })
    .from(participants)
    .innerJoin(categories, eq(categories.id, participants.categoryId))
    .leftJoin(photoThumbnails, eq(photoThumbnails.fileId, participants.photoFileId))
    .where(and(badgeEligible(eventId), withoutUsablePhoto))
    .orderBy(participants.familyName, participants.givenName, participants.id)
    .limit(5000);
}

/** No photo, or one whose bytes could not be read as an image (known once its thumbnail was attempted). */
export const withoutUsablePhoto = sql`(${participants.photoFileId} is null or ${photoThumbnails.usable} = false)`;
