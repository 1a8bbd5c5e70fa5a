import { recordAudit } from "../access/audit.ts";
import type { EventRow } from "../events/queries.ts";
import type { LinkContext, StaffContext } from "../shared/context.ts";
import { Conflict, Invalid } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { announce } from "./announce.ts";
import { type DocumentRow, paragraphVersion, type RevisionRow } from "./documents.ts";
import { statementInput } from "./input.ts";
import { actingDelegation, auditActor, type Proponent } from "./proponent.ts";
import { negotiationStatements } from "./schema.ts";

/**
 * An explanation of position, interpretative statement or reservation by a delegation, attached to the
 * adopted revision: the original language's text is required, translations ride along.
 */
export async function addStatement(
  ctx: StaffContext | LinkContext,
  event: EventRow,
  document: DocumentRow,
  revision: RevisionRow,
  who: Proponent,
  input: unknown,
) {
  const data = parseInput(statementInput, input);
  if (!data.text[data.originalLanguage]) throw Invalid("validation", { [`text.${data.originalLanguage}`]: "required" });
  const delegationId = await actingDelegation(ctx.db, event, who, "negotiation.state", data.delegationId);
  if (revision.eventId !== event.id || revision.documentId !== document.id || revision.state !== "adopted") throw Conflict("negotiation.not_adopted");
  return ctx.db.transaction(async (tx) => {
    if (data.paragraphId) await paragraphVersion(tx, revision, data.paragraphId);
    const [statement] = await tx
      .insert(negotiationStatements)
      .values({
        eventId: event.id,
        revisionId: revision.id,
        delegationId,
        paragraphId: data.paragraphId ?? null,
        kind: data.kind,
        originalLanguage: data.originalLanguage,
        text: data.text,
        receivedAt: ctx.now,
      })
      .returning();
    await recordAudit(tx, {
      eventId: event.id,
      actorId: auditActor(who),
      entity: "negotiation_statement",
      entityId: statement.id,
      action: "create",
      after: statement,
    });
    await announce(tx, event.id, document.id, { kind: "revision", revisionId: revision.id, number: revision.number, state: "statement" });
    return statement;
  });
}
