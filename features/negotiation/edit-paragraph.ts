// A facilitator compiles the draft: paragraphs added, rewritten, moved, struck. Each change is audited
// and announced; numbers follow from the new order, identities never change.
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/index.ts";
import { recordAudit } from "../access/audit.ts";
import type { EventRow } from "../events/queries.ts";
import type { StaffContext } from "../shared/context.ts";
import { parseInput } from "../shared/validate.ts";
import { carryBrackets } from "./anchors.ts";
import { announce } from "./announce.ts";
import { type DocumentRow, type ParagraphVersionRow, paragraphVersion, type RevisionRow } from "./documents.ts";
import { changeDraft, checkParagraphText, openPosition } from "./draft.ts";
import { addParagraphInput, moveParagraphInput, updateParagraphInput } from "./input.ts";
import { negotiationParagraphs, negotiationParagraphVersions } from "./schema.ts";

/** The position right after a paragraph of the draft (0 for "first"). */
export async function positionAfter(tx: Tx, draft: RevisionRow, afterParagraphId: number | null | undefined): Promise<number> {
  if (!afterParagraphId) return 0;
  const after = await paragraphVersion(tx, draft, afterParagraphId);
  return after.position + 1;
}

export async function addParagraph(ctx: StaffContext, event: EventRow, document: DocumentRow, draft: RevisionRow, input: unknown) {
  const data = parseInput(addParagraphInput, input);
  const text = checkParagraphText(event, document.negotiatingLanguage, data.text);
  return changeDraft(ctx, event, draft, data.version, async (tx, revision) => {
    const position = await positionAfter(tx, revision, data.afterParagraphId);
    await openPosition(tx, revision.id, position);
    const [paragraph] = await tx.insert(negotiationParagraphs).values({ eventId: event.id, documentId: document.id }).returning();
    const [added] = await tx
      .insert(negotiationParagraphVersions)
      .values({ eventId: event.id, revisionId: revision.id, paragraphId: paragraph.id, position, kind: data.kind, text })
      .returning();
    await audited(tx, ctx, event, document, revision, null, added);
    return { revision, paragraph: added };
  });
}

export async function updateParagraph(ctx: StaffContext, event: EventRow, document: DocumentRow, draft: RevisionRow, paragraphId: number, input: unknown) {
  const data = parseInput(updateParagraphInput, input);
  const text = data.text ? checkParagraphText(event, document.negotiatingLanguage, data.text) : undefined;
  return changeDraft(ctx, event, draft, data.version, async (tx, revision) => {
    const before = await paragraphVersion(tx, revision, paragraphId);
    const lang = document.negotiatingLanguage;
    const brackets = text ? carryBrackets(before.text[lang] ?? "", text[lang] ?? "", before.brackets) : before.brackets;
    const [after] = await tx
      .update(negotiationParagraphVersions)
      .set({ ...(text ? { text, brackets } : {}), ...(data.kind ? { kind: data.kind } : {}) })
      .where(eq(negotiationParagraphVersions.id, before.id))
      .returning();
    await audited(tx, ctx, event, document, revision, before, after);
    return { revision, paragraph: after };
  });
}

/** Moves a paragraph after another (null: to the top); only its position changes. */
export async function moveParagraph(ctx: StaffContext, event: EventRow, document: DocumentRow, draft: RevisionRow, paragraphId: number, input: unknown) {
  const data = parseInput(moveParagraphInput, input);
  return changeDraft(ctx, event, draft, data.version, async (tx, revision) => {
    const before = await paragraphVersion(tx, revision, paragraphId);
    const after = await placeAfter(tx, revision, before, data.afterParagraphId);
    await audited(tx, ctx, event, document, revision, before, after);
    return { revision, paragraph: after };
  });
}

/** Puts a paragraph version right after another of the same draft (or first), closing the gap it leaves. */
export async function placeAfter(tx: Tx, revision: RevisionRow, version: ParagraphVersionRow, afterParagraphId: number | null | undefined) {
  // Out of the order first, then into its new place: positions stay a plain sequence.
  await tx.update(negotiationParagraphVersions).set({ position: -1 }).where(eq(negotiationParagraphVersions.id, version.id));
  const rest = await tx
    .select({ id: negotiationParagraphVersions.id, paragraphId: negotiationParagraphVersions.paragraphId, position: negotiationParagraphVersions.position })
    .from(negotiationParagraphVersions)
    .where(and(eq(negotiationParagraphVersions.revisionId, revision.id)));
  const order = rest.filter((r) => r.id !== version.id).sort((a, b) => a.position - b.position);
  const at = afterParagraphId ? order.findIndex((r) => r.paragraphId === afterParagraphId) + 1 : 0;
  if (afterParagraphId && at === 0) await paragraphVersion(tx, revision, afterParagraphId); // the 404 for an unknown one
  order.splice(at, 0, { id: version.id, paragraphId: version.paragraphId, position: -1 });
  for (const [i, row] of order.entries()) {
    if (row.position !== i) await tx.update(negotiationParagraphVersions).set({ position: i }).where(eq(negotiationParagraphVersions.id, row.id));
  }
  const [moved] = await tx.select().from(negotiationParagraphVersions).where(eq(negotiationParagraphVersions.id, version.id));
  return moved;
}

export async function audited(
  tx: Tx,
  ctx: StaffContext,
  event: EventRow,
  document: DocumentRow,
  revision: RevisionRow,
  before: ParagraphVersionRow | null,
  after: ParagraphVersionRow,
  action: "create" | "update" | "reopen" = before ? "update" : "create",
) {
  await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "negotiation_paragraph", entityId: after.paragraphId, action, before, after });
  await announce(tx, event.id, document.id, { kind: "paragraph", revisionId: revision.id, paragraphId: after.paragraphId, status: after.status });
}
