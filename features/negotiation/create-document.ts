import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import { lockSymbols, symbolTaken } from "../documents/symbol-registry.ts";
import { checkLocalized } from "../events/check-languages.ts";
import type { EventRow } from "../events/queries.ts";
import type { StaffContext } from "../shared/context.ts";
import { Conflict, Forbidden, Invalid } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { announce } from "./announce.ts";
import { documentInput } from "./input.ts";
import { negotiationDocuments, negotiationParagraphs, negotiationParagraphVersions, negotiationRevisions } from "./schema.ts";

/** A new outcome document with its zero draft (revision 0), holding the paragraphs given, all bracketed. */
export async function createDocument(ctx: StaffContext, event: EventRow, input: unknown) {
  if (!can(ctx.actor, "negotiation.draft")) throw Forbidden();
  const data = parseInput(documentInput, input);
  const { title } = checkLocalized(event.languages, { title: data.title }, ["title"]);
  if (!event.languages.includes(data.negotiatingLanguage)) throw Invalid("validation", { negotiatingLanguage: "language.unknown" });
  return ctx.db.transaction(async (tx) => {
    // The library shares the event's symbols: one held there is taken here too.
    await lockSymbols(tx, event.id);
    if (await symbolTaken(tx, event.id, data.symbol)) throw Conflict("negotiation.symbol_taken");
    const [document] = await tx
      .insert(negotiationDocuments)
      .values({ eventId: event.id, symbol: data.symbol, title, negotiatingLanguage: data.negotiatingLanguage })
      .onConflictDoNothing()
      .returning();
    if (!document) throw Conflict("negotiation.symbol_taken");
    const [draft] = await tx.insert(negotiationRevisions).values({ eventId: event.id, documentId: document.id, number: 0 }).returning();
    if (data.paragraphs.length > 0) {
      const ids = await tx
        .insert(negotiationParagraphs)
        .values(data.paragraphs.map(() => ({ eventId: event.id, documentId: document.id })))
        .returning({ id: negotiationParagraphs.id });
      await tx
        .insert(negotiationParagraphVersions)
        .values(data.paragraphs.map((p, i) => ({ eventId: event.id, revisionId: draft.id, paragraphId: ids[i].id, position: i, kind: p.kind, text: p.text })));
    }
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "negotiation_document",
      entityId: document.id,
      action: "create",
      after: document,
    });
    await announce(tx, event.id, document.id, { kind: "revision", revisionId: draft.id, number: 0, state: "draft" });
    return { document, draft };
  });
}
