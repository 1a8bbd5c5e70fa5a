import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import type { StaffContext } from "../shared/context.ts";
import { Forbidden } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { createDocumentInput } from "./input.ts";
import { allocateSymbol, checkAccess, checkMetadata } from "./rules.ts";
import { libraryDocuments } from "./schema.ts";
import { reindexDocument } from "./search.ts";
import { lockSymbols } from "./symbol-registry.ts";

/** A new document of the library, as a draft, under the symbol typed or the next one of its series. */
export async function createLibraryDocument(ctx: StaffContext, event: EventRow, input: unknown) {
  if (!can(ctx.actor, "library.edit")) throw Forbidden();
  const data = parseInput(createDocumentInput, input);
  const metadata = checkMetadata(event, data);
  const access = await checkAccess(ctx.db, event, data);
  return ctx.db.transaction(async (tx) => {
    await lockSymbols(tx, event.id);
    const symbol = await allocateSymbol(tx, event, data.symbol, data.series);
    const [document] = await tx
      .insert(libraryDocuments)
      .values({ eventId: event.id, ...symbol, ...metadata, ...access, createdBy: ctx.actor.userId, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    await reindexDocument(tx, document.id);
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "library_document",
      entityId: document.id,
      action: "create",
      after: document,
    });
    return document;
  });
}
