// The facilitator folds accepted amendments into the draft, in the order given. Each lands where its words
// now are (a three-way merge against the text it was written on), so two amendments touching the same
// sentence both fold in order; when one changes words another already changed, the fold stops with a 409
// naming it, and nothing is written.
import { and, eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "../access/audit.ts";
import type { EventRow } from "../events/queries.ts";
import type { StaffContext } from "../shared/context.ts";
import { AppError, Conflict, NotFound } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { carryBrackets, foldEdit } from "./anchors.ts";
import { announce } from "./announce.ts";
import { type DocumentRow, paragraphVersion, type RevisionRow, versionsByIds } from "./documents.ts";
import { changeDraft, openPosition } from "./draft.ts";
import { audited, placeAfter, positionAfter } from "./edit-paragraph.ts";
import { foldInput } from "./input.ts";
import { negotiationAmendments, negotiationParagraphs, negotiationParagraphVersions, openAmendmentStates } from "./schema.ts";

export async function foldAmendments(ctx: StaffContext, event: EventRow, document: DocumentRow, draft: RevisionRow, input: unknown) {
  const data = parseInput(foldInput, input);
  const ids = [...new Set(data.amendmentIds)];
  return changeDraft(ctx, event, draft, data.version, async (tx, revision) => {
    const rows = await tx
      .select()
      .from(negotiationAmendments)
      .where(and(eq(negotiationAmendments.eventId, event.id), eq(negotiationAmendments.documentId, document.id), inArray(negotiationAmendments.id, ids)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = ids.map((id) => {
      const a = byId.get(id);
      if (!a) throw NotFound("negotiation.amendment_not_found");
      if (!openAmendmentStates.includes(a.state)) throw Conflict("negotiation.amendment_closed", { amendmentId: id });
      if (a.anchorState !== "current") throw Conflict("negotiation.fold_needs_review", { amendmentId: id });
      if (a.parentId !== null && !byId.has(a.parentId)) throw Conflict("negotiation.fold_without_parent", { amendmentId: id });
      return a;
    });

    // Amendments to amendments change what their parent proposes, in the order given.
    const proposed = new Map(ordered.filter((a) => a.parentId === null).map((a) => [a.id, a.proposedText]));
    for (const sub of ordered.filter((a) => a.parentId !== null)) {
      const parent = byId.get(sub.parentId!)!;
      const merged = foldEdit(parent.proposedText, proposed.get(parent.id)!, { start: sub.anchorStart, end: sub.anchorEnd, text: sub.proposedText });
      if (merged === null) throw Conflict("negotiation.fold_conflict", { amendmentId: sub.id });
      proposed.set(parent.id, merged);
    }

    const anchors = await versionsByIds(
      tx,
      ordered.map((a) => a.anchorVersionId),
    );
    for (const amendment of ordered.filter((a) => a.parentId === null)) {
      const text = proposed.get(amendment.id)!;
      if (amendment.kind === "new_paragraph") {
        const position = await positionAfter(tx, revision, amendment.afterParagraphId ?? amendment.paragraphId).catch(gone(amendment.id));
        await openPosition(tx, revision.id, position);
        const [paragraph] = await tx.insert(negotiationParagraphs).values({ eventId: event.id, documentId: document.id }).returning();
        const [added] = await tx
          .insert(negotiationParagraphVersions)
          .values({
            eventId: event.id,
            revisionId: revision.id,
            paragraphId: paragraph.id,
            position,
            kind: amendment.newParagraphKind ?? "OP",
            text: { [amendment.language]: text },
          })
          .returning();
        await audited(tx, ctx, event, document, revision, null, added);
        continue;
      }
      const current = await paragraphVersion(tx, revision, amendment.paragraphId).catch(gone(amendment.id));
      if (amendment.kind === "move") {
        const moved = await placeAfter(tx, revision, current, amendment.afterParagraphId).catch(gone(amendment.id));
        await audited(tx, ctx, event, document, revision, current, moved);
        continue;
      }
      const lang = amendment.language;
      const base = anchors.get(amendment.anchorVersionId)!.text[lang] ?? "";
      const before = current.text[lang] ?? "";
      const after = foldEdit(base, before, { start: amendment.anchorStart, end: amendment.anchorEnd, text });
      if (after === null) throw Conflict("negotiation.fold_conflict", { amendmentId: amendment.id });
      const brackets = lang === document.negotiatingLanguage ? carryBrackets(before, after, current.brackets) : current.brackets;
      const [saved] = await tx
        .update(negotiationParagraphVersions)
        .set({ text: { ...current.text, [lang]: after }, brackets })
        .where(eq(negotiationParagraphVersions.id, current.id))
        .returning();
      await audited(tx, ctx, event, document, revision, current, saved);
    }

    const folded = await tx
      .update(negotiationAmendments)
      .set({ state: "incorporated", foldedIntoRevisionId: revision.id, version: sql`${negotiationAmendments.version} + 1` })
      .where(inArray(negotiationAmendments.id, ids))
      .returning();
    for (const a of folded) {
      await recordAudit(tx, {
        eventId: event.id,
        actorId: ctx.actor.userId,
        entity: "negotiation_amendment",
        entityId: a.id,
        action: "update",
        before: { state: byId.get(a.id)!.state },
        after: { state: a.state, foldedIntoRevisionId: revision.id },
      });
      await announce(tx, event.id, document.id, { kind: "amendment", amendmentId: a.id, state: a.state, paragraphId: a.paragraphId });
    }
    return { revision, amendments: folded };
  });
}

/** A paragraph the draft no longer holds: the amendment cannot be folded as it stands. */
const gone = (amendmentId: number) => (error: unknown) => {
  if (error instanceof AppError && error.status === 404) throw Conflict("negotiation.fold_conflict", { amendmentId });
  throw error;
};
