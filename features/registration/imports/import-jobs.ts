import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../../db/index.ts";
import { recordAudit } from "../../access/audit.ts";
import { type Action, can } from "../../access/policy.ts";
import type { EventRow } from "../../events/queries.ts";
import { events } from "../../events/schema.ts";
import { maxSizeText, safeFilename } from "../../files/kinds.ts";
import { fileStore } from "../../files/store.ts";
import { publishLive } from "../../live/publish.ts";
import { importProgress } from "../../live/topics.ts";
import type { StaffContext } from "../../shared/context.ts";
import { AppError, Forbidden, Invalid, isAppError, NotFound, TooLarge } from "../../shared/errors.ts";
import { type JobQueue, jobNames } from "../../shared/jobs.ts";
import { toId } from "../../shared/validate.ts";
import { ensureDefaultCategories } from "../default-categories.ts";
import { type ImportKind, participants, registrationImports } from "../schema.ts";
import { checkDelegationSheet, insertDelegations, loadDelegationLookups, previewDelegationSheet } from "./delegation-rows.ts";
import { checkSheet, importBatchSize, insertParticipants, loadImportLookups, type NewParticipant, previewSheet } from "./import-rows.ts";
import { maxImportBytes, readSheet, type Sheet } from "./read-sheet.ts";

export type ImportRow = typeof registrationImports.$inferSelect;

/** Previews nobody confirmed are dropped (with the personal data in their file) after a day. */
const previewLifetimeMs = 24 * 3_600_000;

/**
 * Step 1: the uploaded file is read and every row checked; the file and what the check found are kept,
 * so that confirming does not upload it again. No participant is written.
 */
export async function uploadImport(
  ctx: StaffContext,
  event: EventRow,
  file: File | string | null | undefined,
  options: { kind?: ImportKind; pastDeadlinesConfirmed?: boolean } = {},
): Promise<ImportRow> {
  const kind = options.kind ?? "participants";
  const pastDeadlinesConfirmed = kind === "delegations" && !!options.pastDeadlinesConfirmed;
  if (!can(ctx.actor, importAction[kind])) throw Forbidden();
  if (!file || typeof file === "string" || (file.size === 0 && !file.name)) throw Invalid("validation", { file: "upload.empty" });
  if (file.size > maxImportBytes) throw TooLarge("upload.too_large", { max: maxSizeText("import") });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const sheet = await readSheet(bytes);
  // An event that never had categories gets the defaults, as every other registration path gives them.
  await ensureDefaultCategories(ctx.db, event.id);
  const preview =
    kind === "delegations"
      ? await previewDelegationSheet(sheet, await loadDelegationLookups(ctx.db, event), { now: ctx.now, pastDeadlinesConfirmed })
      : await previewSheet(ctx.db, sheet, await loadImportLookups(ctx.db, event));
  const filename = safeFilename(file.name || "import");
  return ctx.db.transaction(async (tx) => {
    await dropOldPreviews(tx, event.id, ctx.now);
    const stored = await fileStore.put(tx, { eventId: event.id, kind: "import", filename, body: bytes }, "file");
    const [created] = await tx
      .insert(registrationImports)
      .values({
        eventId: event.id,
        kind,
        pastDeadlinesConfirmed,
        createdBy: ctx.actor.userId,
        filename,
        fileId: stored.id,
        status: "previewed",
        total: preview.total,
        preview,
        createdAt: ctx.now,
      })
      .returning();
    return created;
  });
}

async function dropOldPreviews(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], eventId: number, now: Date) {
  const old = await tx
    .delete(registrationImports)
    .where(
      and(
        eq(registrationImports.eventId, eventId),
        eq(registrationImports.status, "previewed"),
        lt(registrationImports.createdAt, new Date(now.getTime() - previewLifetimeMs)),
      ),
    )
    .returning({ fileId: registrationImports.fileId });
  const fileIds = old.map((o) => o.fileId).filter((id): id is number => id !== null);
  await fileStore.delete(tx, eventId, { ids: fileIds, kinds: ["import"] });
}

/** Who may upload and confirm an import of each kind. */
const importAction = { participants: "registrations.manage", delegations: "delegations.create" } as const satisfies Record<ImportKind, Action>;

/** One import of the event (of that kind, when said: each page shows its own). */
export async function getImport(db: Db, eventId: number, id: unknown, kind?: ImportKind): Promise<ImportRow> {
  const importId = toId(id);
  if (!importId) throw NotFound();
  const [found] = await db
    .select()
    .from(registrationImports)
    .where(and(eq(registrationImports.id, importId), eq(registrationImports.eventId, eventId), kind ? eq(registrationImports.kind, kind) : undefined));
  if (!found) throw NotFound();
  return found;
}

export async function listImports(db: Db, eventId: number, kind: ImportKind = "participants", limit = 10) {
  return db
    .select({
      id: registrationImports.id,
      filename: registrationImports.filename,
      status: registrationImports.status,
      total: registrationImports.total,
      inserted: registrationImports.inserted,
      skipped: registrationImports.skipped,
      invalid: registrationImports.invalid,
      createdAt: registrationImports.createdAt,
    })
    .from(registrationImports)
    .where(and(eq(registrationImports.eventId, eventId), eq(registrationImports.kind, kind)))
    .orderBy(desc(registrationImports.id))
    .limit(limit);
}

/**
 * Step 2: queue a previewed import and start it in the background. Confirming twice (a double click,
 * two tabs) starts it once.
 */
export async function confirmImport(ctx: StaffContext, event: EventRow, id: unknown, jobs: JobQueue, kind: ImportKind = "participants"): Promise<ImportRow> {
  if (!can(ctx.actor, importAction[kind])) throw Forbidden();
  const found = await getImport(ctx.db, event.id, id, kind);
  if (found.status !== "previewed") return found;
  if (found.preview.fresh + found.preview.existing === 0) throw new AppError(422, "import.nothing_to_import");
  const queued = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(registrationImports)
      .set({ status: "queued", heartbeatAt: ctx.now })
      .where(and(eq(registrationImports.id, found.id), eq(registrationImports.status, "previewed")))
      .returning();
    if (!row) return undefined;
    // The job exists exactly when this commits; pg-boss runs it on whichever instance is free.
    await jobs.send(tx, jobNames.registrationImport, { importId: row.id }, { singletonKey: importJobKey(row.id) });
    await publishLive(tx, event.id, "imports", importProgress(row));
    return row;
  });
  return queued ?? getImport(ctx.db, event.id, found.id);
}

const importJobKey = (importId: number) => `import:${importId}`;

/**
 * Imports left queued or running whose job is gone (a database restored from a backup, or one written
 * before imports ran on pg-boss) get a job again; one whose job still exists is left to it (one job per key).
 */
export async function requeueUnfinishedImports(db: Db, jobs: JobQueue): Promise<void> {
  const unfinished = await db
    .select({ id: registrationImports.id })
    .from(registrationImports)
    .where(inArray(registrationImports.status, ["queued", "running"]));
  for (const { id } of unfinished) {
    await db.transaction((tx) => jobs.send(tx, jobNames.registrationImport, { importId: id }, { singletonKey: importJobKey(id) }));
  }
}

/**
 * Step 3, in the background: read the stored file again, check every row against the event as it is now,
 * and insert the good rows in batches of `importBatchSize`, each batch and its progress in one
 * transaction. Starts after the last committed batch, so a process that died mid-way is resumed without
 * doing anything twice; ON CONFLICT DO NOTHING makes even a repeated batch harmless. On success the file
 * is deleted and one audit row tells what the import did.
 */
export async function runImport(
  db: Db,
  importId: number,
  options: { shouldStop?: () => boolean; afterBatch?: (eventId: number) => void } = {},
): Promise<ImportRow | "stopped" | null> {
  // pg-boss runs one job per import at a time, so an import found running belongs to a worker that died.
  const [job] = await db
    .update(registrationImports)
    .set({ status: "running", heartbeatAt: new Date() })
    .where(and(eq(registrationImports.id, importId), inArray(registrationImports.status, ["queued", "running"])))
    .returning();
  if (!job) return null;
  try {
    const [event] = await db.select().from(events).where(eq(events.id, job.eventId));
    const stored = job.fileId ? await fileStore.get(db, job.eventId, job.fileId, ["import"]) : undefined;
    if (!event || !stored) throw new AppError(410, "import.file_missing");
    const sheet = await readSheet(stored.bytes);
    const plan = job.kind === "delegations" ? await planDelegations(db, event, sheet, job) : await planParticipants(db, event, sheet);
    const rows = plan.rows;
    for (let start = job.done; start < rows.length; start += plan.batchSize) {
      if (options.shouldStop?.()) return "stopped";
      const slice = rows.slice(start, start + plan.batchSize);
      const valid = slice.filter((p) => p !== null);
      await db.transaction(async (tx) => {
        const added = await plan.insert(tx, valid);
        const [progress] = await tx
          .update(registrationImports)
          .set({
            done: start + slice.length,
            inserted: sql`${registrationImports.inserted} + ${added}`,
            skipped: sql`${registrationImports.skipped} + ${valid.length - added}`,
            invalid: sql`${registrationImports.invalid} + ${slice.length - valid.length}`,
            heartbeatAt: new Date(),
          })
          .where(eq(registrationImports.id, job.id))
          .returning();
        await publishLive(tx, job.eventId, "imports", importProgress(progress));
      });
      options.afterBatch?.(job.eventId);
      // Let waiting requests in between batches (the embedded database serves one query at a time).
      await yieldToEventLoop();
    }
    const finished = await db.transaction(async (tx) => {
      const [finished] = await tx
        .update(registrationImports)
        .set({ status: "done", finishedAt: new Date(), fileId: null, heartbeatAt: new Date(), total: rows.length })
        .where(eq(registrationImports.id, job.id))
        .returning();
      await fileStore.delete(tx, job.eventId, { ids: [stored.file.id] });
      await recordAudit(tx, {
        eventId: job.eventId,
        actorId: job.createdBy,
        entity: "registration_import",
        entityId: job.id,
        action: "create",
        after: {
          kind: job.kind,
          filename: job.filename,
          total: finished.total,
          inserted: finished.inserted,
          skipped: finished.skipped,
          invalid: finished.invalid,
        },
      });
      await publishLive(tx, job.eventId, "imports", importProgress(finished));
      return finished;
    });
    // Fresh planner statistics and visibility map for a table that may have grown tenfold: the embedded
    // database has no autovacuum, and counts and pages read from indexes alone need both.
    if (job.kind === "participants") await db.execute(sql`VACUUM (ANALYZE) ${participants}`).catch((error) => console.error("VACUUM after import:", error));
    return finished;
  } catch (error) {
    if (!isAppError(error)) console.error(`import ${job.id} failed:`, error);
    return db.transaction(async (tx) => {
      const [failed] = await tx
        .update(registrationImports)
        .set({ status: "failed", error: isAppError(error) ? error.code : "internal", finishedAt: new Date() })
        .where(eq(registrationImports.id, job.id))
        .returning();
      await publishLive(tx, job.eventId, "imports", importProgress(failed));
      return failed;
    });
  }
}

/** What a run inserts: one entry per row of the file (null for a row with errors), and how to insert a batch of the valid ones. */
interface ImportPlan {
  rows: (object | null)[];
  batchSize: number;
  /** Inserts the batch's valid rows; answers how many were added (the others are skipped: already there). */
  insert(tx: DbOrTx, valid: object[]): Promise<number>;
}

async function planParticipants(db: Db, event: EventRow, sheet: Sheet): Promise<ImportPlan> {
  const checked = await checkSheet(sheet, await loadImportLookups(db, event));
  return { rows: checked.participants, batchSize: importBatchSize, insert: (tx, valid) => insertParticipants(tx, valid as NewParticipant[]) };
}

/** Delegations the event has by now (another import, the form, the API) are skipped, as in the preview. */
async function planDelegations(db: Db, event: EventRow, sheet: Sheet, job: ImportRow): Promise<ImportPlan> {
  const checked = await checkDelegationSheet(sheet, await loadDelegationLookups(db, event), {
    now: new Date(),
    pastDeadlinesConfirmed: job.pastDeadlinesConfirmed,
  });
  type Checked = NonNullable<(typeof checked.rows)[number]>;
  return {
    rows: checked.rows,
    batchSize: 200,
    insert: (tx, valid) =>
      insertDelegations(
        tx,
        (valid as Checked[]).filter((r) => !r.existing).map((r) => r.delegation),
      ),
  };
}
