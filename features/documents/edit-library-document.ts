// Changing a document's texts, its access, or its state (issue, withdraw), each against the version the
// person saw: a lost race is a 409 `conflict.stale` (the pages and the API show what changed since).
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/index.ts";
import { dayKey } from "../../i18n/format.ts";
import { type AuditEntry, recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import type { StaffContext } from "../shared/context.ts";
import { AppError, Forbidden } from "../shared/errors.ts";
import { parseInput } from "../shared/validate.ts";
import { accessInput, updateDocumentInput, versionInput } from "./input.ts";
import type { LibraryDocumentRow } from "./queries.ts";
import { checkAccess, checkMetadata } from "./rules.ts";
import { libraryDocuments } from "./schema.ts";
import { reindexDocument } from "./search.ts";
import type { LibraryState } from "./vocabulary.ts";

const stale = () => new AppError(409, "conflict.stale");

/** Writes `changes` if the document is still at `version`; records the audit row in the same transaction. */
async function saveVersioned(
  ctx: StaffContext,
  document: LibraryDocumentRow,
  version: number,
  changes: Partial<typeof libraryDocuments.$inferInsert>,
  action: AuditEntry["action"],
  after?: (tx: Tx, saved: LibraryDocumentRow) => Promise<void>,
): Promise<LibraryDocumentRow> {
  if (version !== document.version) throw stale();
  return ctx.db.transaction(async (tx) => {
    const [saved] = await tx
      .update(libraryDocuments)
      .set({ ...changes, version: document.version + 1, updatedAt: ctx.now })
      .where(and(eq(libraryDocuments.id, document.id), eq(libraryDocuments.eventId, document.eventId), eq(libraryDocuments.version, version)))
      .returning();
    if (!saved) throw stale();
    await after?.(tx, saved);
    await recordAudit(tx, {
      eventId: document.eventId,
      actorId: ctx.actor.userId,
      entity: "library_document",
      entityId: document.id,
      action,
      before: document,
      after: saved,
    });
    return saved;
  });
}

export async function updateLibraryDocument(ctx: StaffContext, event: EventRow, document: LibraryDocumentRow, input: unknown) {
  if (!can(ctx.actor, "library.edit")) throw Forbidden();
  const data = parseInput(updateDocumentInput, input);
  const metadata = checkMetadata(event, data);
  return saveVersioned(ctx, document, data.version, metadata, "update", (tx, saved) => reindexDocument(tx, saved.id));
}

export async function setLibraryAccess(ctx: StaffContext, event: EventRow, document: LibraryDocumentRow, input: unknown) {
  if (!can(ctx.actor, "library.edit")) throw Forbidden();
  const data = parseInput(accessInput, input);
  const access = await checkAccess(ctx.db, event, data);
  return saveVersioned(ctx, document, data.version, access, "update");
}

/** Issues a draft (or a withdrawn document again): readers see it as its access allows; the day of issue defaults to today. */
export async function issueLibraryDocument(ctx: StaffContext, event: EventRow, document: LibraryDocumentRow, input: unknown) {
  return changeState(ctx, event, document, input, "issued");
}

/** Withdraws an issued document: gone from every list; its address answers that it was withdrawn. */
export async function withdrawLibraryDocument(ctx: StaffContext, event: EventRow, document: LibraryDocumentRow, input: unknown) {
  return changeState(ctx, event, document, input, "withdrawn");
}

async function changeState(ctx: StaffContext, event: EventRow, document: LibraryDocumentRow, input: unknown, state: LibraryState) {
  if (!can(ctx.actor, "library.edit")) throw Forbidden();
  const { version } = parseInput(versionInput, input);
  if (version !== document.version) throw stale();
  if (state === "issued" && document.state === "issued") throw new AppError(409, "library.already_issued");
  if (state === "withdrawn" && document.state !== "issued") throw new AppError(409, "library.not_issued");
  const issuedOn = state === "issued" ? (document.issuedOn ?? dayKey(ctx.now, event.timezone)) : document.issuedOn;
  return saveVersioned(ctx, document, version, { state, issuedOn }, state === "issued" ? "issue" : "withdraw");
}
