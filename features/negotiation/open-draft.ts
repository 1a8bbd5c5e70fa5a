import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import type { StaffContext } from "../shared/context.ts";
import { Conflict, Forbidden } from "../shared/errors.ts";
import { announce } from "./announce.ts";
import { type DocumentRow, latestIssued, listRevisions, revisionVersions } from "./documents.ts";
import { isNumbered } from "./numbering.ts";
import { negotiationParagraphVersions, negotiationRevisions } from "./schema.ts";

/**
 * The next draft, copied from the latest issued revision: paragraphs struck or merged there are left out
 * (they were shown struck through once). `renumber` drops the split links, so "OP5 bis" becomes OP6.
 */
export async function openDraft(ctx: StaffContext, event: EventRow, document: DocumentRow, options: { renumber?: boolean } = {}) {
  if (!can(ctx.actor, "negotiation.draft")) throw Forbidden();
  if (document.eventId !== event.id) throw Forbidden();
  return ctx.db.transaction(async (tx) => {
    const revisions = await listRevisions(tx, document);
    if (revisions.some((r) => r.state === "draft")) throw Conflict("negotiation.draft_open");
    if (revisions.some((r) => r.state === "adopted")) throw Conflict("negotiation.already_adopted");
    const source = await latestIssued(tx, document.id);
    if (!source) throw Conflict("negotiation.draft_open");
    if (source.state === "under_silence") throw Conflict("negotiation.under_silence");
    const [draft] = await tx
      .insert(negotiationRevisions)
      .values({ eventId: event.id, documentId: document.id, number: source.number + 1, aligned: source.aligned })
      .onConflictDoNothing()
      .returning();
    if (!draft) throw Conflict("negotiation.draft_open");
    const kept = (await revisionVersions(tx, source.id)).filter(isNumbered);
    if (kept.length > 0) {
      await tx.insert(negotiationParagraphVersions).values(
        kept.map((v, i) => ({
          eventId: event.id,
          revisionId: draft.id,
          paragraphId: v.paragraphId,
          position: i,
          kind: v.kind,
          text: v.text,
          status: v.status,
          brackets: v.brackets,
          splitFromId: options.renumber ? null : v.splitFromId,
        })),
      );
    }
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "negotiation_revision", entityId: draft.id, action: "create", after: draft });
    await announce(tx, event.id, document.id, { kind: "revision", revisionId: draft.id, number: draft.number, state: "draft" });
    return draft;
  });
}
