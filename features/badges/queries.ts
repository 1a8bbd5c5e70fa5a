import { and, count, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import type { EventRow } from "../events/queries.ts";
import { photoThumbnails } from "../files/schema.ts";
import { categories, participants } from "../registration/schema.ts";
import { badgeEligible, badgeOutdated, signedForOtherDays, withoutUsablePhoto } from "./issue-badges.ts";
import { badges } from "./schema.ts";

export interface BadgeSummary {
  /** Approved, attending in person. */
  eligible: number;
  /** Holding a badge that matches their accreditation. */
  issued: number;
  /** Printed in the version in force. */
  printed: number;
  /** Never printed, printed in an earlier version, or no longer matching: what "changed since the last print" prints. */
  toPrint: number;
  handedOver: number;
  withoutPhoto: number;
  /** Signed for days the event no longer has (its dates were moved): refused at every door until printed again. */
  forOtherDays: number;
}

export async function badgeSummary(db: DbOrTx, event: EventRow): Promise<BadgeSummary> {
  const matches = sql`${badges.id} is not null and not ${badgeOutdated(event)}`;
  const [row] = await db
    .select({
      eligible: count(),
      issued: count(sql`case when ${matches} then 1 end`),
      printed: count(sql`case when ${matches} and ${badges.printedVersion} = ${badges.version} then 1 end`),
      handedOver: count(sql`case when ${matches} and ${badges.handedOverAt} is not null then 1 end`),
      withoutPhoto: count(sql`case when ${withoutUsablePhoto} then 1 end`),
      forOtherDays: count(sql`case when ${badges.id} is not null and ${signedForOtherDays(event)} then 1 end`),
    })
    .from(participants)
    .innerJoin(categories, eq(categories.id, participants.categoryId))
    .leftJoin(badges, eq(badges.participantId, participants.id))
    .leftJoin(photoThumbnails, eq(photoThumbnails.fileId, participants.photoFileId))
    .where(badgeEligible(event.id));
  return { ...row, toPrint: row.eligible - row.printed };
}

/** One person's badge as their staff page shows it; undefined before the first one is issued. */
export async function badgeOf(db: DbOrTx, eventId: number, participantId: number) {
  const [row] = await db
    .select({
      version: badges.version,
      printedVersion: badges.printedVersion,
      printedAt: badges.printedAt,
      handedOverAt: badges.handedOverAt,
      revokedAt: badges.revokedAt,
      categoryId: badges.categoryId,
    })
    .from(badges)
    .where(and(eq(badges.eventId, eventId), eq(badges.participantId, participantId)));
  return row;
}

/** What a person's staff page shows of their badge, and whether they may hold one at all. */
export async function badgeView(db: DbOrTx, eventId: number, participantId: number) {
  const [row] = await db
    .select({ eligible: sql<boolean>`${participants.status} = 'approved' and ${categories.attendance} = 'in_person'` })
    .from(participants)
    .innerJoin(categories, eq(categories.id, participants.categoryId))
    .where(and(eq(participants.eventId, eventId), eq(participants.id, participantId)));
  const badge = await badgeOf(db, eventId, participantId);
  return {
    eligible: !!row?.eligible,
    version: badge?.version ?? null,
    printedVersion: badge?.printedVersion ?? null,
    handedOverAt: badge?.handedOverAt?.toISOString() ?? null,
    revokedAt: badge?.revokedAt?.toISOString() ?? null,
  };
}
