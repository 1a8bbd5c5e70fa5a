import { and, eq } from "drizzle-orm";
import { zonedToUtc } from "../../i18n/format.ts";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import { checkLocalized } from "../events/check-languages.ts";
import type { EventRow } from "../events/queries.ts";
import type { StaffContext } from "../shared/context.ts";
import { Conflict, Forbidden, Invalid } from "../shared/errors.ts";
import { type JobQueue, jobNames } from "../shared/jobs.ts";
import { parseInput } from "../shared/validate.ts";
import { announce } from "./announce.ts";
import { type DocumentRow, latestIssued, type RevisionRow, superseded } from "./documents.ts";
import { silenceInput } from "./input.ts";
import { negotiationDocuments, negotiationRevisions } from "./schema.ts";

/**
 * The chair puts the latest issued revision under silence until an instant given in the event's time zone.
 * A job, held until then, adopts the text unless a delegation breaks the silence first.
 */
export async function startSilence(ctx: StaffContext, jobs: JobQueue, event: EventRow, document: DocumentRow, revision: RevisionRow, input: unknown) {
  if (!can(ctx.actor, "negotiation.chair")) throw Forbidden();
  const data = parseInput(silenceInput, input);
  const until = zonedToUtc(data.until, event.timezone);
  if (!until) throw Invalid("validation", { until: "datetime.invalid" });
  if (until <= ctx.now) throw Invalid("validation", { until: "negotiation.deadline_past" });
  const { body } = checkLocalized(event.languages, { body: data.body });
  return ctx.db.transaction(async (tx) => {
    const latest = await latestIssued(tx, document.id);
    if (!latest || latest.id !== revision.id || revision.documentId !== document.id) throw superseded(latest?.number);
    const [silenced] = await tx
      .update(negotiationRevisions)
      .set({ state: "under_silence", silenceUntil: until, silenceBody: body, silenceBrokenAt: null, version: data.version + 1 })
      .where(
        and(
          eq(negotiationRevisions.id, revision.id),
          eq(negotiationRevisions.eventId, event.id),
          eq(negotiationRevisions.state, "issued"),
          eq(negotiationRevisions.version, data.version),
        ),
      )
      .returning();
    if (!silenced) throw revision.state === "issued" ? Conflict("conflict.stale", { current: revision.version }) : Conflict("negotiation.revision_closed");
    await tx.update(negotiationDocuments).set({ state: "under_silence" }).where(eq(negotiationDocuments.id, document.id));
    await jobs.send(
      tx,
      jobNames.negotiationSilence,
      { revisionId: silenced.id },
      { singletonKey: `silence:${silenced.id}:${until.getTime()}`, startAfter: until },
    );
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "negotiation_revision",
      entityId: silenced.id,
      action: "update",
      before: { state: revision.state },
      after: { state: silenced.state, silenceUntil: until, silenceBody: body },
    });
    await announce(tx, event.id, document.id, { kind: "silence", revisionId: silenced.id, state: "started" });
    return silenced;
  });
}
