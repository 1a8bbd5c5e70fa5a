// Brackets and statuses. A new bracket on a paragraph agreed ad referendum (or agreed) returns it to
// "bracketed": that reopening is audited as such.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { EventRow } from "../events/queries.ts";
import type { StaffContext } from "../shared/context.ts";
import { Invalid } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { type DocumentRow, paragraphVersion, type RevisionRow } from "./documents.ts";
import { changeDraft } from "./draft.ts";
import { audited } from "./edit-paragraph.ts";
import { bracketInput, markParagraphInput } from "./input.ts";
import { checkDelegations } from "./proponent.ts";
import { type Bracket, negotiationParagraphVersions } from "./schema.ts";

export async function addBracket(ctx: StaffContext, event: EventRow, document: DocumentRow, draft: RevisionRow, paragraphId: number, input: unknown) {
  const data = parseInput(bracketInput, input);
  if (data.end <= data.start) throw Invalid("validation", { end: "negotiation.span_invalid" });
  await checkDelegations(
    ctx.db,
    event.id,
    data.alternatives.flatMap((a) => a.heldBy),
    "alternatives",
  );
  return changeDraft(ctx, event, draft, data.version, async (tx, revision) => {
    const before = await paragraphVersion(tx, revision, paragraphId);
    const text = before.text[document.negotiatingLanguage] ?? "";
    if (data.end > text.length) throw Invalid("validation", { end: "negotiation.span_invalid" });
    if (before.status === "deleted") throw Invalid("validation", { _: "negotiation.paragraph_deleted" });
    const bracket: Bracket = { id: randomBytes(6).toString("hex"), start: data.start, end: data.end, alternatives: data.alternatives };
    const reopened = before.status === "agreed_ad_ref" || before.status === "agreed";
    const [after] = await tx
      .update(negotiationParagraphVersions)
      .set({ brackets: [...before.brackets, bracket].sort((a, b) => a.start - b.start), status: "bracketed" })
      .where(eq(negotiationParagraphVersions.id, before.id))
      .returning();
    await audited(tx, ctx, event, document, revision, before, after, reopened ? "reopen" : "update");
    return { revision, paragraph: after, reopened, bracket };
  });
}

/** Agreed ad referendum, agreed (its brackets resolved: none may remain), or deleted. */
export async function markParagraph(ctx: StaffContext, event: EventRow, document: DocumentRow, draft: RevisionRow, paragraphId: number, input: unknown) {
  const data = parseInput(markParagraphInput, input);
  return changeDraft(ctx, event, draft, data.version, async (tx, revision) => {
    const before = await paragraphVersion(tx, revision, paragraphId);
    if (data.status !== "deleted" && before.brackets.length > 0) throw Invalid("validation", { status: "negotiation.brackets_remain" });
    const [after] = await tx
      .update(negotiationParagraphVersions)
      .set({ status: data.status })
      .where(eq(negotiationParagraphVersions.id, before.id))
      .returning();
    await audited(tx, ctx, event, document, revision, before, after);
    return { revision, paragraph: after };
  });
}

/** Resolves a bracket: the chosen alternative's words replace the span (in the negotiating language) and the bracket goes. */
export async function resolveBracket(
  ctx: StaffContext,
  event: EventRow,
  document: DocumentRow,
  draft: RevisionRow,
  paragraphId: number,
  input: { bracketId: string; alternative: number; version: number },
) {
  return changeDraft(ctx, event, draft, input.version, async (tx, revision) => {
    const before = await paragraphVersion(tx, revision, paragraphId);
    const bracket = before.brackets.find((b) => b.id === input.bracketId);
    const chosen = bracket?.alternatives[input.alternative];
    if (!bracket || !chosen) throw Invalid("validation", { bracketId: "invalid" });
    const lang = document.negotiatingLanguage;
    const old = before.text[lang] ?? "";
    const shift = chosen.text.length - (bracket.end - bracket.start);
    const brackets = before.brackets
      .filter((b) => b.id !== bracket.id)
      .map((b) => (b.start >= bracket.end ? { ...b, start: b.start + shift, end: b.end + shift } : b));
    const [after] = await tx
      .update(negotiationParagraphVersions)
      .set({ text: { ...before.text, [lang]: old.slice(0, bracket.start) + chosen.text + old.slice(bracket.end) }, brackets })
      .where(eq(negotiationParagraphVersions.id, before.id))
      .returning();
    await audited(tx, ctx, event, document, revision, before, after);
    return { revision, paragraph: after };
  });
}
