import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import { checkLocalized } from "../events/check-languages.ts";
import type { EventRow } from "../events/queries.ts";
import type { StaffContext } from "../shared/context.ts";
import { Conflict, Forbidden, Invalid } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { announce } from "./announce.ts";
import type { DocumentRow, RevisionRow } from "./documents.ts";
import { corrigendumInput } from "./input.ts";
import type { SnapshotParagraph } from "./redline.ts";
import { negotiationCorrigenda, negotiationRevisions } from "./schema.ts";

export type CorrigendumRow = typeof negotiationCorrigenda.$inferSelect;

/**
 * The chair issues a corrigendum to an adopted text: corrected wording of some paragraphs in one language only,
 * as Corr.1, Corr.2 … The adopted snapshot is never touched; readers see it with the corrigenda applied.
 */
export async function issueCorrigendum(
  ctx: StaffContext,
  event: EventRow,
  document: DocumentRow,
  revision: RevisionRow,
  paragraphs: readonly SnapshotParagraph[],
  input: unknown,
): Promise<CorrigendumRow> {
  if (!can(ctx.actor, "negotiation.chair")) throw Forbidden();
  const data = parseInput(corrigendumInput, input);
  if (!event.languages.includes(data.language)) throw Invalid("validation", { language: "language.unknown" });
  const { note } = checkLocalized(event.languages, { note: data.note }, []);
  if (revision.eventId !== event.id || revision.documentId !== document.id || revision.state !== "adopted") throw Conflict("negotiation.not_adopted");
  const corrected = correctedParagraphs(paragraphs, await corrigendaOf(ctx.db, revision.id));
  const fields: Record<string, string> = {};
  const seen = new Set<number>();
  data.changes.forEach((change, i) => {
    const paragraph = corrected.find((p) => p.paragraphId === change.paragraphId && p.number !== null);
    if (!paragraph || seen.has(change.paragraphId)) fields[`changes.${i}.paragraphId`] = "negotiation.paragraph_not_found";
    else if ((paragraph.text[data.language] ?? "") === change.text) fields[`changes.${i}.text`] = "negotiation.corrigendum_unchanged";
    seen.add(change.paragraphId);
  });
  if (Object.keys(fields).length > 0) throw Invalid("validation", fields);
  return ctx.db.transaction(async (tx) => {
    // One corrigendum at a time per revision, so that numbers follow each other.
    await tx.select({ id: negotiationRevisions.id }).from(negotiationRevisions).where(eq(negotiationRevisions.id, revision.id)).for("update");
    const earlier = await corrigendaOf(tx, revision.id);
    const [row] = await tx
      .insert(negotiationCorrigenda)
      .values({
        eventId: event.id,
        revisionId: revision.id,
        number: earlier.length + 1,
        language: data.language,
        changes: data.changes,
        note: note ?? {},
        issuedAt: ctx.now,
        issuedBy: ctx.actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "negotiation_corrigendum",
      entityId: row.id,
      action: "create",
      after: row,
    });
    await announce(tx, event.id, document.id, { kind: "revision", revisionId: revision.id, number: revision.number, state: "corrigendum" });
    return row;
  });
}

export function corrigendaOf(db: DbOrTx, revisionId: number): Promise<CorrigendumRow[]> {
  return db.select().from(negotiationCorrigenda).where(eq(negotiationCorrigenda.revisionId, revisionId)).orderBy(asc(negotiationCorrigenda.number));
}

/** A paragraph as corrected: its text in the corrected languages replaced, and which corrigenda touched it. */
export type CorrectedParagraph = SnapshotParagraph & { corrections: { number: number; language: string }[] };

/** The snapshot as the corrigenda, in order, leave it; every other language and paragraph as adopted. */
export function correctedParagraphs(
  paragraphs: readonly SnapshotParagraph[],
  corrigenda: readonly Pick<CorrigendumRow, "number" | "language" | "changes">[],
): CorrectedParagraph[] {
  const byId = new Map<number, CorrectedParagraph>(paragraphs.map((p) => [p.paragraphId, { ...p, text: { ...p.text }, corrections: [] }]));
  for (const c of corrigenda) {
    for (const change of c.changes) {
      const p = byId.get(change.paragraphId);
      if (!p) continue;
      p.text[c.language] = change.text;
      p.brackets = []; // an adopted text holds none; spans would no longer fit the corrected words
      p.corrections.push({ number: c.number, language: c.language });
    }
  }
  return paragraphs.map((p) => byId.get(p.paragraphId)!);
}
