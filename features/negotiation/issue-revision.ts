import { eq } from "drizzle-orm";
import { recordAudit } from "../access/audit.ts";
import type { EventRow } from "../events/queries.ts";
import type { StaffContext } from "../shared/context.ts";
import { parseInput } from "../shared/validate.ts";
import { announce } from "./announce.ts";
import type { DocumentRow, RevisionRow } from "./documents.ts";
import { changeDraft } from "./draft.ts";
import { issueRevisionInput } from "./input.ts";
import { rebaseAmendments } from "./rebase.ts";
import { negotiationDocuments, negotiationRevisions } from "./schema.ts";

/**
 * Freezes the draft: from now on it is an immutable snapshot (no command changes an issued revision). The
 * negotiating language is aligned with it; other languages keep the revision they were last aligned with
 * unless said otherwise. Open amendments are carried onto it.
 */
export async function issueRevision(ctx: StaffContext, event: EventRow, document: DocumentRow, draft: RevisionRow, input: unknown) {
  const data = parseInput(issueRevisionInput, input);
  return changeDraft(ctx, event, draft, data.version, async (tx, revision) => {
    const aligned = { ...revision.aligned, ...data.aligned, [document.negotiatingLanguage]: revision.number };
    for (const lang of event.languages) aligned[lang] = Math.min(aligned[lang] ?? revision.number, revision.number);
    const [issued] = await tx
      .update(negotiationRevisions)
      .set({ state: "issued", issuedAt: ctx.now, issuedBy: ctx.actor.userId, aligned })
      .where(eq(negotiationRevisions.id, revision.id))
      .returning();
    await tx.update(negotiationDocuments).set({ state: "negotiating" }).where(eq(negotiationDocuments.id, document.id));
    const rebased = await rebaseAmendments(tx, document.id, issued.id);
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "negotiation_revision",
      entityId: issued.id,
      action: "issue",
      before: { state: revision.state },
      after: { state: issued.state, number: issued.number, rebased },
    });
    await announce(tx, event.id, document.id, { kind: "revision", revisionId: issued.id, number: issued.number, state: issued.state });
    return { revision: issued, rebased };
  });
}
