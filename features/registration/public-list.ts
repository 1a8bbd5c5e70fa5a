import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { delegations, participants } from "./schema.ts";

/**
 * The public list of participants: approved people who agreed to appear in it, with what a printed list
 * shows (honorific, names, position, organisation) and their delegation. Nothing else leaves the database.
 */
export async function listPublicParticipants(db: DbOrTx, eventId: number) {
  return db
    .select({
      id: participants.id,
      honorific: participants.honorific,
      givenName: participants.givenName,
      familyName: participants.familyName,
      givenNameLocal: participants.givenNameLocal,
      familyNameLocal: participants.familyNameLocal,
      position: participants.position,
      organisation: participants.organisation,
      delegationId: participants.delegationId,
      delegationName: delegations.name,
      headParticipantId: delegations.headParticipantId,
    })
    .from(participants)
    .leftJoin(delegations, eq(delegations.id, participants.delegationId))
    .where(and(eq(participants.eventId, eventId), eq(participants.status, "approved"), eq(participants.consentList, true)))
    .orderBy(asc(participants.familyName), asc(participants.givenName), asc(participants.id));
}
