// A silence is broken by a written objection or an amendment received before the deadline, by the server's
// clock (ctx.now), recorded with its time. One second before counts; at or after the deadline it is over.
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/index.ts";
import { recordAudit } from "../access/audit.ts";
import type { EventRow } from "../events/queries.ts";
import type { LinkContext, StaffContext } from "../shared/context.ts";
import { Conflict } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { announce } from "./announce.ts";
import type { DocumentRow, RevisionRow } from "./documents.ts";
import { objectionInput } from "./input.ts";
import { actingDelegation, auditActor, type Proponent } from "./proponent.ts";
import { negotiationDocuments, negotiationRevisions, negotiationSilenceBreaks, type SilenceBreakKind } from "./schema.ts";

/** Locks the revision (the job that concludes the silence waits behind it) and refuses once the deadline passed. */
export async function lockSilence(tx: Tx, revisionId: number, now: Date): Promise<RevisionRow> {
  const [row] = await tx.select().from(negotiationRevisions).where(eq(negotiationRevisions.id, revisionId)).for("update");
  if (row?.state !== "under_silence" || !row.silenceUntil) throw Conflict("negotiation.not_under_silence");
  if (now.getTime() >= row.silenceUntil.getTime()) throw Conflict("negotiation.silence_over");
  return row;
}

/** Records the break and returns the revision to "issued": negotiations resume. */
export async function recordBreak(
  tx: Tx,
  revision: RevisionRow,
  brk: { kind: SilenceBreakKind; delegationId: number; amendmentId?: number; note?: string; now: Date; actorId: number | null },
) {
  const [row] = await tx
    .insert(negotiationSilenceBreaks)
    .values({
      eventId: revision.eventId,
      revisionId: revision.id,
      delegationId: brk.delegationId,
      kind: brk.kind,
      amendmentId: brk.amendmentId ?? null,
      note: brk.note ?? "",
      receivedAt: brk.now,
    })
    .returning();
  await tx
    .update(negotiationRevisions)
    .set({ state: "issued", silenceBrokenAt: brk.now, version: sql`${negotiationRevisions.version} + 1` })
    .where(and(eq(negotiationRevisions.id, revision.id), eq(negotiationRevisions.state, "under_silence")));
  await tx.update(negotiationDocuments).set({ state: "negotiating" }).where(eq(negotiationDocuments.id, revision.documentId));
  await recordAudit(tx, {
    eventId: revision.eventId,
    actorId: brk.actorId,
    entity: "negotiation_revision",
    entityId: revision.id,
    action: "update",
    before: { state: "under_silence" },
    after: { state: "issued", silenceBrokenAt: brk.now, by: { kind: brk.kind, delegationId: brk.delegationId, amendmentId: brk.amendmentId ?? null } },
  });
  await announce(tx, revision.eventId, revision.documentId, { kind: "silence", revisionId: revision.id, state: "broken" });
  return row;
}

/** A delegation's written objection to a text under silence. */
export async function objectToSilence(
  ctx: StaffContext | LinkContext,
  event: EventRow,
  document: DocumentRow,
  revision: RevisionRow,
  who: Proponent,
  input: unknown,
) {
  const data = parseInput(objectionInput, input);
  if (revision.eventId !== event.id || revision.documentId !== document.id) throw Conflict("negotiation.not_under_silence");
  const delegationId = await actingDelegation(ctx.db, event, who, "negotiation.object", data.delegationId);
  return ctx.db.transaction(async (tx) => {
    const locked = await lockSilence(tx, revision.id, ctx.now);
    return recordBreak(tx, locked, { kind: "objection", delegationId, note: data.note, now: ctx.now, actorId: auditActor(who) });
  });
}
