import { eq } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { recordAudit } from "../access/audit.ts";
import { announce } from "./announce.ts";
import { negotiationDocuments, negotiationRevisions } from "./schema.ts";

export type SilenceOutcome = { result: "adopted"; eventId: number } | { result: "early" } | { result: "nothing" };

/**
 * The job at a silence's deadline (server/jobs.ts): adopts the revision by consensus if it is still under
 * silence (no break arrived) and the deadline has passed; a revision whose silence was broken, or adopted
 * already, is left alone. Takes the revision's lock, so a break being recorded finishes first.
 */
export async function concludeSilence(db: Db, revisionId: number, now: Date): Promise<SilenceOutcome> {
  return db.transaction(async (tx) => {
    const [revision] = await tx.select().from(negotiationRevisions).where(eq(negotiationRevisions.id, revisionId)).for("update");
    if (revision?.state !== "under_silence" || !revision.silenceUntil) return { result: "nothing" };
    if (now.getTime() < revision.silenceUntil.getTime()) return { result: "early" };
    const [adopted] = await tx
      .update(negotiationRevisions)
      .set({
        state: "adopted",
        adoptedAt: revision.silenceUntil,
        adoptedHow: "consensus",
        adoptedThrough: "silence",
        adoptedBy: revision.silenceBody ?? {},
        version: revision.version + 1,
      })
      .where(eq(negotiationRevisions.id, revision.id))
      .returning();
    await tx.update(negotiationDocuments).set({ state: "adopted" }).where(eq(negotiationDocuments.id, revision.documentId));
    await recordAudit(tx, {
      eventId: revision.eventId,
      actorId: null,
      entity: "negotiation_revision",
      entityId: revision.id,
      action: "adopt",
      before: { state: revision.state },
      after: { state: adopted.state, adoptedAt: adopted.adoptedAt, adoptedHow: "consensus", adoptedThrough: "silence" },
    });
    await announce(tx, revision.eventId, revision.documentId, { kind: "revision", revisionId: revision.id, number: revision.number, state: "adopted" });
    return { result: "adopted", eventId: revision.eventId };
  });
}
