// When a revision is issued, every amendment still waiting for a decision is carried onto it: its span is
// mapped through a word diff of the paragraph's old and new text. Nothing is ever dropped: an amendment
// whose words changed is "to be reviewed", one whose words are gone is "overtaken".
import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Tx } from "../../db/index.ts";
import { mapSpan } from "./anchors.ts";
import { type ParagraphVersionRow, revisionVersions, versionsByIds } from "./documents.ts";
import { isNumbered } from "./numbering.ts";
import { type AnchorState, negotiationAmendments, openAmendmentStates } from "./schema.ts";

type AmendmentRow = typeof negotiationAmendments.$inferSelect;

export interface Rebased {
  anchorVersionId: number;
  anchorStart: number;
  anchorEnd: number;
  anchorText: string;
  anchorState: AnchorState;
}

/** Where an amendment stands on the new revision's version of its paragraph (pure). */
export function rebaseOne(
  amendment: Pick<AmendmentRow, "kind" | "language" | "anchorStart" | "anchorEnd" | "anchorText" | "anchorState" | "afterParagraphId">,
  old: ParagraphVersionRow,
  next: ParagraphVersionRow | undefined,
  afterStillThere: boolean,
): Rebased | null {
  if (!next || !isNumbered(next) || amendment.anchorState === "overtaken") {
    return amendment.anchorState === "overtaken" ? null : { ...keep(amendment, old), anchorState: "overtaken" };
  }
  if (amendment.kind === "new_paragraph" || amendment.kind === "move") {
    return { anchorVersionId: next.id, anchorStart: 0, anchorEnd: 0, anchorText: "", anchorState: afterStillThere ? amendment.anchorState : "to_be_reviewed" };
  }
  const mapped = mapSpan(old.text[amendment.language] ?? "", next.text[amendment.language] ?? "", amendment.anchorStart, amendment.anchorEnd);
  // Once to be reviewed, an amendment stays so until someone looks at it.
  const state: AnchorState = mapped.state === "current" && amendment.anchorState === "to_be_reviewed" ? "to_be_reviewed" : mapped.state;
  return { anchorVersionId: next.id, anchorStart: mapped.start, anchorEnd: mapped.end, anchorText: mapped.text, anchorState: state };
}

const keep = (a: Pick<AmendmentRow, "anchorStart" | "anchorEnd" | "anchorText">, old: ParagraphVersionRow) => ({
  anchorVersionId: old.id,
  anchorStart: a.anchorStart,
  anchorEnd: a.anchorEnd,
  anchorText: a.anchorText,
});

/** Carries the document's open amendments onto the revision just issued; returns how many changed state. */
export async function rebaseAmendments(tx: Tx, documentId: number, revisionId: number): Promise<{ amendmentId: number; state: AnchorState }[]> {
  const open = await tx
    .select()
    .from(negotiationAmendments)
    .where(
      and(
        eq(negotiationAmendments.documentId, documentId),
        inArray(negotiationAmendments.state, [...openAmendmentStates]),
        isNull(negotiationAmendments.parentId),
      ),
    );
  if (open.length === 0) return [];
  const next = new Map((await revisionVersions(tx, revisionId)).map((v) => [v.paragraphId, v]));
  const anchors = await versionsByIds(
    tx,
    open.map((a) => a.anchorVersionId),
  );
  const changed: { amendmentId: number; state: AnchorState }[] = [];
  for (const amendment of open) {
    const old = anchors.get(amendment.anchorVersionId)!;
    if (old.revisionId === revisionId) continue;
    const after = amendment.afterParagraphId ? next.get(amendment.afterParagraphId) : undefined;
    const rebased = rebaseOne(amendment, old, next.get(amendment.paragraphId), !amendment.afterParagraphId || (after !== undefined && isNumbered(after)));
    if (!rebased) continue;
    await tx.update(negotiationAmendments).set(rebased).where(eq(negotiationAmendments.id, amendment.id));
    // Amendments to it stand or fall with it.
    await tx
      .update(negotiationAmendments)
      .set({ anchorState: rebased.anchorState })
      .where(and(eq(negotiationAmendments.parentId, amendment.id), isNotNull(negotiationAmendments.parentId)));
    if (rebased.anchorState !== amendment.anchorState) changed.push({ amendmentId: amendment.id, state: rebased.anchorState });
  }
  return changed;
}
