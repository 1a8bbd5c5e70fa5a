import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "../../db/index.ts";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import { events } from "../events/schema.ts";
import { fileStore } from "../files/store.ts";
import { publishLive } from "../live/publish.ts";
import { categories, participants } from "../registration/schema.ts";
import type { StaffContext } from "../shared/context.ts";
import { Forbidden, Invalid, NotFound } from "../shared/errors.ts";
import type { JobQueue } from "../shared/jobs.ts";
import { jobNames } from "../shared/jobs.ts";
import { text } from "../shared/localized.ts";
import { formInteger, parseInput } from "../shared/validate.ts";
import type { BadgeDesign } from "./design.ts";
import { designResolver, listBadgeDesigns } from "./design-queries.ts";
import { backTextOf, loadFaces, printableLogo } from "./faces.ts";
import { badgeEligible, badgeOutdated, issueBadges } from "./issue-badges.ts";
import { renderBadgesInWorker } from "./render-in-worker.ts";
import type { BadgeFace } from "./render-pdf.ts";
import { badges, printBatches } from "./schema.ts";
import { badgeSizes, type PrintScope, sheetLayouts } from "./vocabulary.ts";

const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export type PrintBatchRow = typeof printBatches.$inferSelect;

/** Badges per part (one PDF each): small enough to keep memory flat, large enough to print as one job. */
export const badgesPerPart = 100;

export const printInput = z.object({
  scope: z.enum(["all", "changed", "people", "delegation", "category"], "invalid").default("changed"),
  ids: z.array(formInteger().positive()).max(50_000).default([]),
  // Left out (or empty): as each person's category design says.
  size: z.preprocess(emptyToUndefined, z.enum(badgeSizes, "invalid").optional()),
  layout: z.preprocess(emptyToUndefined, z.enum(sheetLayouts, "invalid").optional()),
  sides: z.preprocess(emptyToUndefined, formInteger().min(1).max(2).optional()),
  lang: z.string().max(20).optional(),
});

/**
 * Asks for a print run: fixes who it covers (eligible people only, in the order of their names), then
 * queues the job that renders it. "changed" is everyone whose badge was never printed, was printed in
 * an earlier version, or no longer matches their accreditation.
 */
export async function requestPrint(ctx: StaffContext & { jobs: JobQueue }, event: EventRow, input: unknown): Promise<PrintBatchRow> {
  if (!can(ctx.actor, "badges.print")) throw Forbidden();
  const data = parseInput(printInput, input);
  const scope: PrintScope =
    data.scope === "people"
      ? { kind: "people", ids: data.ids }
      : data.scope === "delegation" || data.scope === "category"
        ? { kind: data.scope, id: data.ids[0] ?? 0 }
        : { kind: data.scope };
  const lang = data.lang && event.languages.includes(data.lang) ? data.lang : event.languages[0];
  const ids = await peopleFor(ctx.db, event, scope);
  if (ids.length === 0) throw Invalid("validation", { scope: "badges.nobody_to_print" });
  return ctx.db.transaction(async (tx) => {
    const [batch] = await tx
      .insert(printBatches)
      .values({
        eventId: event.id,
        scope,
        size: data.size ?? null,
        layout: data.layout ?? null,
        sides: data.sides ?? null,
        lang,
        participantIds: ids,
        total: ids.length,
        createdBy: ctx.actor.userId,
        createdAt: ctx.now,
      })
      .returning();
    await ctx.jobs.send(tx, jobNames.badgePrint, { batchId: batch.id }, { singletonKey: `badge-print-${batch.id}` });
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "badge_print",
      entityId: batch.id,
      action: "create",
      after: { scope, total: ids.length },
    });
    // Staff pages following the event's print runs see it queued at once, before a worker takes it.
    await publishLive(tx, event.id, "printing", progressOf(batch));
    return batch;
  });
}

async function peopleFor(db: DbOrTx, event: EventRow, scope: PrintScope): Promise<number[]> {
  const where = [badgeEligible(event.id)];
  if (scope.kind === "people") where.push(inArray(participants.id, scope.ids.length ? scope.ids : [0]));
  if (scope.kind === "delegation") where.push(eq(participants.delegationId, scope.id));
  if (scope.kind === "category") where.push(eq(participants.categoryId, scope.id));
  if (scope.kind === "changed") {
    where.push(or(isNull(badges.id), isNull(badges.printedVersion), lt(badges.printedVersion, badges.version), badgeOutdated(event))!);
  }
  const rows = await db
    .select({ id: participants.id })
    .from(participants)
    .innerJoin(categories, eq(categories.id, participants.categoryId))
    .leftJoin(badges, eq(badges.participantId, participants.id))
    .where(and(...where))
    .orderBy(asc(participants.familyName), asc(participants.givenName), asc(participants.id));
  return rows.map((r) => r.id);
}

/**
 * Renders a print run from its last stored part on: issues the badges that are missing or no longer match,
 * draws them, stores each part, and reports progress live. Returns null when there is nothing to do.
 */
export async function runPrint(
  db: Db,
  secret: string,
  batchId: number,
  options: { shouldStop?: () => boolean; partSize?: number } = {},
): Promise<PrintBatchRow | "stopped" | null> {
  const partSize = options.partSize ?? badgesPerPart;
  const [batch] = await db
    .update(printBatches)
    .set({ status: "running" })
    .where(and(eq(printBatches.id, batchId), inArray(printBatches.status, ["queued", "running"])))
    .returning();
  if (!batch) return null;
  const [event] = await db.select().from(events).where(eq(events.id, batch.eventId));
  if (!event) return null;
  try {
    let current = batch;
    for (let start = batch.partFileIds.length * partSize; start < batch.participantIds.length; start += partSize) {
      if (options.shouldStop?.()) return "stopped";
      const ids = batch.participantIds.slice(start, start + partSize);
      current = await db.transaction(async (tx) => {
        const issued = await issueBadges(tx, event, ids, secret, new Date());
        const { bytes, withoutPhoto } = await renderPart(
          tx,
          event,
          batch,
          issued.map((b) => b.participantId),
        );
        const file = await fileStore.put(tx, {
          eventId: event.id,
          kind: "badges",
          filename: `badges-${batch.id}-${start / partSize + 1}.pdf`,
          body: bytes,
        });
        const [row] = await tx
          .update(printBatches)
          .set({
            partFileIds: sql`${printBatches.partFileIds} || ${JSON.stringify([file.id])}::jsonb`,
            withoutPhoto: sql`${printBatches.withoutPhoto} || ${JSON.stringify(withoutPhoto)}::jsonb`,
            done: Math.min(start + ids.length, batch.total),
          })
          .where(eq(printBatches.id, batch.id))
          .returning();
        return row;
      });
      await publishLive(db, event.id, "printing", progressOf(current));
    }
    const [done] = await db.update(printBatches).set({ status: "done", finishedAt: new Date() }).where(eq(printBatches.id, batch.id)).returning();
    await publishLive(db, event.id, "printing", progressOf(done));
    return done;
  } catch (error) {
    const [failed] = await db
      .update(printBatches)
      .set({ status: "failed", error: error instanceof Error ? error.message.slice(0, 200) : "failed" })
      .where(eq(printBatches.id, batch.id))
      .returning();
    await publishLive(db, event.id, "printing", progressOf(failed));
    return failed;
  }
}

/** What the staff page shows of a print run, live and on reload alike: numbers, nothing personal. */
export function progressOf(row: PrintBatchRow) {
  return { id: row.id, status: row.status, total: row.total, done: row.done, parts: row.partFileIds.length, withoutPhoto: row.withoutPhoto.length };
}

async function renderPart(tx: DbOrTx, event: EventRow, batch: PrintBatchRow, ids: number[]) {
  const [people, designs, logo] = await Promise.all([loadFaces(tx, event, batch.lang, ids), listBadgeDesigns(tx, event.id), printableLogo(tx, event.id)]);
  const designOf = designResolver(designs);
  const withoutPhoto = people.filter((p) => !p.printable).map((p) => p.participantId);
  // Each person with their category's design; a run asked with a size, sheets or sides (older callers) keeps them.
  const groups = new Map<string, { design: BadgeDesign; faces: BadgeFace[] }>();
  for (const person of people) {
    const resolved = designOf(person.categoryId);
    const design: BadgeDesign = {
      ...resolved.design,
      size: batch.size ?? resolved.design.size,
      layout: batch.layout ?? resolved.design.layout,
      sides: batch.sides === 1 || batch.sides === 2 ? batch.sides : resolved.design.sides,
    };
    const key = String(resolved.id);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { design, faces: [] }));
    group.faces.push({ ...person.face, backText: backTextOf(design, event, batch.lang) });
  }
  // Drawn in the render worker (render-in-worker.ts): the run's garbage stays out of the app's heap.
  const bytes = await renderBadgesInWorker({ title: text(event.title, batch.lang, event.languages), logo, groups: [...groups.values()] });
  return { bytes, withoutPhoto };
}

/** What a run can have drawn: versions issued before it finished (a run still going: before now). */
export const renderedBy = (batch: PrintBatchRow) => ({ renderedBy: batch.finishedAt ?? new Date() });

export async function getPrintBatch(db: DbOrTx, eventId: number, id: number | null): Promise<PrintBatchRow> {
  const [row] = id
    ? await db
        .select()
        .from(printBatches)
        .where(and(eq(printBatches.eventId, eventId), eq(printBatches.id, id)))
    : [];
  if (!row) throw NotFound("badges.batch_not_found");
  return row;
}

export async function recentPrintBatches(db: DbOrTx, eventId: number, limit = 20): Promise<PrintBatchRow[]> {
  return db.select().from(printBatches).where(eq(printBatches.eventId, eventId)).orderBy(sql`${printBatches.id} desc`).limit(limit);
}
