import { and, eq, max } from "drizzle-orm";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import { checkArchive } from "../files/archive.ts";
import { checkFile, fileRules } from "../files/kinds.ts";
import { fileStore, type NewFile, readCapped } from "../files/store.ts";
import type { StaffContext } from "../shared/context.ts";
import { Forbidden, Invalid, isAppError, TooLarge, UnsupportedMedia } from "../shared/errors.ts";
import { extractText } from "./extract-text.ts";
import type { LibraryDocumentRow } from "./queries.ts";
import { libraryDocuments, libraryFiles } from "./schema.ts";
import { reindexDocument } from "./search.ts";

export interface FileUpload {
  /** One of the event's content languages. */
  language: string;
  filename: string;
  body: NewFile["body"];
}

/**
 * A document's file in one language (PDF, DOCX or ODT, checked from its bytes like every upload: ADR 0012).
 * An earlier file of that language stays, as a version; the new one is current, and its text is what the
 * search reads from now on.
 */
export async function uploadLibraryFile(ctx: StaffContext, event: EventRow, document: LibraryDocumentRow, upload: FileUpload) {
  if (!can(ctx.actor, "library.edit")) throw Forbidden();
  if (!event.languages.includes(upload.language)) throw Invalid("validation", { language: "language.unknown" });
  const rule = fileRules.document;
  const bytes = await readCapped(upload.body, rule.maxBytes, "document");
  const checked = checkFile("document", bytes);
  if (!checked.ok) {
    if (checked.code === "upload.empty") throw Invalid("validation", { file: "upload.empty" });
    if (checked.code === "upload.too_large") throw TooLarge(checked.code, checked.values);
    throw UnsupportedMedia(checked.code);
  }
  if (checked.contentType !== "application/pdf") {
    // A word-processing file is a zip: what it would unpack to is checked before its text is read.
    await checkArchive(bytes, rule.archive!).catch((error) => {
      throw isAppError(error) && error.status === 415 ? UnsupportedMedia(rule.typeError) : error;
    });
  }
  const text = await extractText(bytes, checked.contentType);
  return ctx.db.transaction(async (tx) => {
    // One upload per document at a time: versions are numbered in order.
    await tx
      .select({ id: libraryDocuments.id })
      .from(libraryDocuments)
      .where(and(eq(libraryDocuments.id, document.id), eq(libraryDocuments.eventId, event.id)))
      .for("update");
    const [{ latest }] = await tx
      .select({ latest: max(libraryFiles.version) })
      .from(libraryFiles)
      .where(and(eq(libraryFiles.documentId, document.id), eq(libraryFiles.language, upload.language)));
    const stored = await fileStore.put(tx, { eventId: event.id, kind: "document", filename: upload.filename, body: bytes }, "file");
    const [file] = await tx
      .insert(libraryFiles)
      .values({
        eventId: event.id,
        documentId: document.id,
        language: upload.language,
        version: (latest ?? 0) + 1,
        fileId: stored.id,
        text,
        uploadedBy: ctx.actor.userId,
        uploadedAt: ctx.now,
      })
      .returning();
    await tx.update(libraryDocuments).set({ updatedAt: ctx.now }).where(eq(libraryDocuments.id, document.id));
    await reindexDocument(tx, document.id);
    const summary = { language: file.language, version: file.version, filename: stored.filename, size: stored.size, contentType: stored.contentType };
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "library_document",
      entityId: document.id,
      action: "update",
      after: { file: summary },
    });
    return { ...file, ...summary, textFound: text !== null };
  });
}
