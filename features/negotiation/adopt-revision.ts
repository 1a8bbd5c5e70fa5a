import { and, eq } from "drizzle-orm";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import { checkLocalized } from "../events/check-languages.ts";
import type { EventRow } from "../events/queries.ts";
import type { StaffContext } from "../shared/context.ts";
import { Conflict, Forbidden, Invalid } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { announce } from "./announce.ts";
import { type DocumentRow, latestIssued, type RevisionRow, superseded } from "./documents.ts";
import { adoptInput } from "./input.ts";
import { negotiationDocuments, negotiationRevisions } from "./schema.ts";

/** The chair declares the latest issued revision adopted in a meeting, by consensus or by a vote, by the body named. */
export async function adoptRevision(ctx: StaffContext, event: EventRow, document: DocumentRow, revision: RevisionRow, input: unknown) {
  if (!can(ctx.actor, "negotiation.chair")) throw Forbidden();
  const data = parseInput(adoptInput, input);
  const { body } = checkLocalized(event.languages, { body: data.body }, ["body"]);
  if (data.how === "vote" && !data.votes) throw Invalid("validation", { votes: "required" });
  return ctx.db.transaction(async (tx) => {
    const latest = await latestIssued(tx, document.id);
    if (!latest || latest.id !== revision.id) throw superseded(latest?.number);
    const [adopted] = await tx
      .update(negotiationRevisions)
      .set({
        state: "adopted",
        adoptedAt: ctx.now,
        adoptedHow: data.how,
        adoptedThrough: "meeting",
        adoptedBy: body,
        votes: data.how === "vote" ? data.votes : null,
        version: data.version + 1,
      })
      .where(
        and(
          eq(negotiationRevisions.id, revision.id),
          eq(negotiationRevisions.eventId, event.id),
          eq(negotiationRevisions.state, "issued"),
          eq(negotiationRevisions.version, data.version),
        ),
      )
      .returning();
    if (!adopted) throw revision.state === "issued" ? Conflict("conflict.stale", { current: revision.version }) : Conflict("negotiation.revision_closed");
    await tx.update(negotiationDocuments).set({ state: "adopted" }).where(eq(negotiationDocuments.id, document.id));
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "negotiation_revision",
      entityId: adopted.id,
      action: "adopt",
      before: revision,
      after: adopted,
    });
    await announce(tx, event.id, document.id, { kind: "revision", revisionId: adopted.id, number: adopted.number, state: "adopted" });
    return adopted;
  });
}
