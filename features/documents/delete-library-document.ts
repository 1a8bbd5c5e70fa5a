import { and, eq } from "drizzle-orm";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import { fileStore } from "../files/store.ts";
import type { StaffContext } from "../shared/context.ts";
import { AppError, Forbidden } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { versionInput } from "./input.ts";
import type { LibraryDocumentRow } from "./queries.ts";
import { libraryDocuments, libraryFiles } from "./schema.ts";

/**
 * Deletes a draft that was never issued, with its files: its symbol is free again. An issued document is
 * withdrawn instead, so that its symbol keeps meaning one text; one with revisions or corrigenda stays.
 */
export async function deleteLibraryDocument(ctx: StaffContext, document: LibraryDocumentRow, input: unknown) {
  if (!can(ctx.actor, "library.edit")) throw Forbidden();
  const { version } = parseInput(versionInput, input);
  if (version !== document.version) throw new AppError(409, "conflict.stale");
  if (document.state !== "draft") throw new AppError(409, "library.not_a_draft");
  await ctx.db.transaction(async (tx) => {
    const [child] = await tx
      .select({ id: libraryDocuments.id })
      .from(libraryDocuments)
      .where(and(eq(libraryDocuments.eventId, document.eventId), eq(libraryDocuments.parentId, document.id)))
      .limit(1);
    if (child) throw new AppError(409, "library.has_children");
    const files = await tx.select({ fileId: libraryFiles.fileId }).from(libraryFiles).where(eq(libraryFiles.documentId, document.id));
    const [deleted] = await tx
      .delete(libraryDocuments)
      .where(and(eq(libraryDocuments.id, document.id), eq(libraryDocuments.eventId, document.eventId), eq(libraryDocuments.version, version)))
      .returning();
    if (!deleted) throw new AppError(409, "conflict.stale");
    await fileStore.delete(tx, document.eventId, { ids: files.map((f) => f.fileId), kinds: ["document"] });
    await recordAudit(tx, {
      eventId: document.eventId,
      actorId: ctx.actor.userId,
      entity: "library_document",
      entityId: document.id,
      action: "delete",
      before: document,
    });
  });
}
