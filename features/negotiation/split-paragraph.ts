// Splitting OP5 makes a new paragraph "split from" it (numbered "OP5 bis" while both stand); merging keeps
// both ids and marks one "merged into" the other. Pending amendments follow the ids.
import { and, eq, gt } from "drizzle-orm";
import type { EventRow } from "../events/queries.ts";
import type { StaffContext } from "../shared/context.ts";
import { Invalid } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { type DocumentRow, paragraphVersion, type RevisionRow } from "./documents.ts";
import { changeDraft, checkParagraphText, openPosition } from "./draft.ts";
import { audited } from "./edit-paragraph.ts";
import { mergeParagraphsInput, splitParagraphInput } from "./input.ts";
import { negotiationParagraphs, negotiationParagraphVersions } from "./schema.ts";

export async function splitParagraph(ctx: StaffContext, event: EventRow, document: DocumentRow, draft: RevisionRow, paragraphId: number, input: unknown) {
  const data = parseInput(splitParagraphInput, input);
  const keep = checkParagraphText(event, document.negotiatingLanguage, data.keep, "keep");
  const split = checkParagraphText(event, document.negotiatingLanguage, data.split, "split");
  return changeDraft(ctx, event, draft, data.version, async (tx, revision) => {
    const before = await paragraphVersion(tx, revision, paragraphId);
    if (before.kind === "sub" || before.status === "deleted" || before.mergedIntoId !== null) throw Invalid("validation", { _: "negotiation.cannot_split" });
    const [kept] = await tx.update(negotiationParagraphVersions).set({ text: keep }).where(eq(negotiationParagraphVersions.id, before.id)).returning();
    // After the original and any parts already split from it: "OP5 bis", then "OP5 ter".
    const earlier = await tx
      .select({ position: negotiationParagraphVersions.position })
      .from(negotiationParagraphVersions)
      .where(
        and(
          eq(negotiationParagraphVersions.revisionId, revision.id),
          eq(negotiationParagraphVersions.splitFromId, paragraphId),
          gt(negotiationParagraphVersions.position, before.position),
        ),
      );
    const position = Math.max(before.position, ...earlier.map((e) => e.position)) + 1;
    await openPosition(tx, revision.id, position);
    const [paragraph] = await tx.insert(negotiationParagraphs).values({ eventId: event.id, documentId: document.id }).returning();
    const [part] = await tx
      .insert(negotiationParagraphVersions)
      .values({
        eventId: event.id,
        revisionId: revision.id,
        paragraphId: paragraph.id,
        position,
        kind: before.kind,
        text: split,
        status: before.status,
        splitFromId: paragraphId,
      })
      .returning();
    await audited(tx, ctx, event, document, revision, before, kept);
    await audited(tx, ctx, event, document, revision, null, part);
    return { revision, kept, part };
  });
}

/** Merges `fromParagraphId` into the paragraph, which takes the merged text; the other keeps its id, unnumbered. */
export async function mergeParagraphs(ctx: StaffContext, event: EventRow, document: DocumentRow, draft: RevisionRow, paragraphId: number, input: unknown) {
  const data = parseInput(mergeParagraphsInput, input);
  const text = checkParagraphText(event, document.negotiatingLanguage, data.text);
  if (data.fromParagraphId === paragraphId) throw Invalid("validation", { fromParagraphId: "invalid" });
  return changeDraft(ctx, event, draft, data.version, async (tx, revision) => {
    const into = await paragraphVersion(tx, revision, paragraphId);
    const from = await paragraphVersion(tx, revision, data.fromParagraphId);
    const [merged] = await tx.update(negotiationParagraphVersions).set({ text }).where(eq(negotiationParagraphVersions.id, into.id)).returning();
    const [gone] = await tx
      .update(negotiationParagraphVersions)
      .set({ mergedIntoId: paragraphId })
      .where(eq(negotiationParagraphVersions.id, from.id))
      .returning();
    await audited(tx, ctx, event, document, revision, into, merged);
    await audited(tx, ctx, event, document, revision, from, gone);
    return { revision, merged, gone };
  });
}
