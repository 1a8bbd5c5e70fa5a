// A delegation proposes an amendment to the latest issued revision, anchored to one paragraph version in
// one language by a span and the words it held. Submitted during a silence, it breaks it.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { recordAudit } from "../access/audit.ts";
import type { EventRow } from "../events/queries.ts";
import type { LinkContext, StaffContext } from "../shared/context.ts";
import { Conflict, Invalid, NotFound } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { announce } from "./announce.ts";
import { lockSilence, recordBreak } from "./break-silence.ts";
import { type DocumentRow, latestIssued, paragraphVersion, superseded } from "./documents.ts";
import { amendmentInput } from "./input.ts";
import { isNumbered } from "./numbering.ts";
import { actingDelegation, auditActor, checkDelegations, type Proponent } from "./proponent.ts";
import { negotiationAmendments, negotiationCosponsors, openAmendmentStates } from "./schema.ts";

export type AmendmentRow = typeof negotiationAmendments.$inferSelect;

export async function loadAmendment(db: DbOrTx, eventId: number, documentId: number, amendmentId: number): Promise<AmendmentRow> {
  const [row] = await db
    .select()
    .from(negotiationAmendments)
    .where(and(eq(negotiationAmendments.id, amendmentId), eq(negotiationAmendments.eventId, eventId), eq(negotiationAmendments.documentId, documentId)));
  if (!row) throw NotFound("negotiation.amendment_not_found");
  return row;
}

export async function submitAmendment(ctx: StaffContext | LinkContext, event: EventRow, document: DocumentRow, who: Proponent, input: unknown) {
  const data = parseInput(amendmentInput, input);
  if (document.eventId !== event.id) throw NotFound("negotiation.document_not_found");
  const delegationId = await actingDelegation(ctx.db, event, who, "negotiation.propose", data.delegationId);
  const cosponsors = data.cosponsors.filter((d) => d !== delegationId);
  await checkDelegations(ctx.db, event.id, cosponsors, "cosponsors");

  return ctx.db.transaction(async (tx) => {
    const current = await latestIssued(tx, document.id);
    if (!current || current.state === "adopted") throw Conflict("negotiation.revision_closed");
    if (current.number !== data.revision) throw superseded(current.number);
    // The silence is checked (and the revision locked) before anything is written: after the deadline nothing lands.
    const silenced = current.state === "under_silence" ? await lockSilence(tx, current.id, ctx.now) : null;
    const version = await paragraphVersion(tx, current, data.paragraphId);
    if (!isNumbered(version)) throw Conflict("negotiation.paragraph_deleted");

    const parent = data.parentId ? await loadAmendment(tx, event.id, document.id, data.parentId) : null;
    if (parent && (parent.parentId !== null || !openAmendmentStates.includes(parent.state) || parent.paragraphId !== data.paragraphId)) {
      throw Conflict("negotiation.parent_closed");
    }
    const language = parent?.language ?? data.language ?? document.negotiatingLanguage;
    const base = parent ? parent.proposedText : version.text[language];
    if (base === undefined) throw Invalid("validation", { language: "language.unknown" });
    const anchor = checkSpan(data, base, Boolean(parent));

    const [amendment] = await tx
      .insert(negotiationAmendments)
      .values({
        eventId: event.id,
        documentId: document.id,
        paragraphId: data.paragraphId,
        parentId: parent?.id ?? null,
        delegationId,
        kind: data.kind,
        language,
        proposedText: data.proposedText,
        afterParagraphId: data.kind === "new_paragraph" || data.kind === "move" ? (data.afterParagraphId ?? null) : null,
        newParagraphKind: data.kind === "new_paragraph" ? (data.newParagraphKind ?? version.kind) : null,
        originalVersionId: parent?.anchorVersionId ?? version.id,
        originalStart: anchor.start,
        originalEnd: anchor.end,
        originalText: anchor.text,
        anchorVersionId: parent?.anchorVersionId ?? version.id,
        anchorStart: anchor.start,
        anchorEnd: anchor.end,
        anchorText: anchor.text,
        anchorState: parent?.anchorState ?? "current",
        submittedBy: who.by === "staff" ? who.actor.userId : null,
        submittedByParticipantId: who.by === "delegate" ? who.seat.participantId : null,
        receivedAt: ctx.now,
      })
      .returning();
    if (cosponsors.length > 0) {
      await tx.insert(negotiationCosponsors).values([...new Set(cosponsors)].map((d) => ({ amendmentId: amendment.id, delegationId: d, addedAt: ctx.now })));
    }
    if (data.afterParagraphId && (data.kind === "new_paragraph" || data.kind === "move")) await paragraphVersion(tx, current, data.afterParagraphId);
    await recordAudit(tx, {
      eventId: event.id,
      actorId: auditActor(who),
      entity: "negotiation_amendment",
      entityId: amendment.id,
      action: "create",
      after: amendment,
    });
    if (silenced) await recordBreak(tx, silenced, { kind: "amendment", delegationId, amendmentId: amendment.id, now: ctx.now, actorId: auditActor(who) });
    await announce(tx, event.id, document.id, { kind: "amendment", amendmentId: amendment.id, state: amendment.state, paragraphId: amendment.paragraphId });
    return amendment;
  });
}

/** The span an amendment names, checked against the text it was read from: in bounds, fitting its kind, holding the words sent. */
function checkSpan(
  data: { kind: string; start: number; end: number; text: string; proposedText: string; newParagraphKind?: string },
  base: string,
  isSubAmendment: boolean,
): { start: number; end: number; text: string } {
  if (data.kind === "new_paragraph" || data.kind === "move") {
    if (isSubAmendment) throw Invalid("validation", { kind: "invalid" });
    if (data.kind === "new_paragraph" && !data.proposedText) throw Invalid("validation", { proposedText: "required" });
    return { start: 0, end: 0, text: "" };
  }
  if (data.start > data.end || data.end > base.length) throw Invalid("validation", { start: "negotiation.span_invalid" });
  if (data.kind === "insert" && data.start !== data.end) throw Invalid("validation", { end: "negotiation.span_invalid" });
  if (data.kind !== "insert" && data.start === data.end) throw Invalid("validation", { end: "negotiation.span_invalid" });
  if (data.kind !== "delete" && !data.proposedText) throw Invalid("validation", { proposedText: "required" });
  if (data.kind === "delete" && data.proposedText) throw Invalid("validation", { proposedText: "invalid" });
  const held = base.slice(data.start, data.end);
  if (held !== data.text) throw Invalid("validation", { text: "negotiation.span_mismatch" });
  return { start: data.start, end: data.end, text: held };
}
