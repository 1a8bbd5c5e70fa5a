// Every change to a draft revision goes through `changeDraft`: it takes the draft only if it is still a
// draft at the version the editor saw (a stale save or an issued revision answers 409), bumps its version,
// and runs the change in the same transaction.
import { and, eq, gt, sql } from "drizzle-orm";
import type { Tx } from "../../db/index.ts";
import { can } from "../access/policy.ts";
import type { EventRow } from "../events/queries.ts";
import type { StaffContext } from "../shared/context.ts";
import { Conflict, Forbidden, Invalid } from "../shared/errors.ts";
import type { RevisionRow } from "./documents.ts";
import { negotiationParagraphVersions, negotiationRevisions } from "./schema.ts";

export async function changeDraft<T>(
  ctx: StaffContext,
  event: EventRow,
  revision: RevisionRow,
  version: unknown,
  change: (tx: Tx, draft: RevisionRow) => Promise<T>,
): Promise<T> {
  if (!can(ctx.actor, "negotiation.draft")) throw Forbidden();
  if (revision.eventId !== event.id) throw Forbidden();
  if (revision.state !== "draft") throw Conflict("negotiation.revision_frozen");
  if (typeof version !== "number" || !Number.isInteger(version)) throw Invalid("validation", { version: "required" });
  return ctx.db.transaction(async (tx) => {
    const [draft] = await tx
      .update(negotiationRevisions)
      .set({ version: version + 1 })
      .where(
        and(
          eq(negotiationRevisions.id, revision.id),
          eq(negotiationRevisions.eventId, event.id),
          eq(negotiationRevisions.state, "draft"),
          eq(negotiationRevisions.version, version),
        ),
      )
      .returning();
    if (!draft) throw Conflict("conflict.stale", { current: revision.version });
    return change(tx, draft);
  });
}

/** Makes room at `position` by moving every paragraph from there one place down. */
export async function openPosition(tx: Tx, revisionId: number, position: number): Promise<void> {
  await tx
    .update(negotiationParagraphVersions)
    .set({ position: sql`${negotiationParagraphVersions.position} + 1` })
    .where(and(eq(negotiationParagraphVersions.revisionId, revisionId), gt(negotiationParagraphVersions.position, position - 1)));
}

/** A paragraph's texts: the event's languages only, and never without the negotiating language's. */
export function checkParagraphText(event: EventRow, negotiatingLanguage: string, text: Record<string, string>, field = "text"): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const lang of Object.keys(text)) if (!event.languages.includes(lang)) fields[`${field}.${lang}`] = "language.unknown";
  if (!text[negotiatingLanguage]) fields[`${field}.${negotiatingLanguage}`] = "required";
  if (Object.keys(fields).length > 0) throw Invalid("validation", fields);
  return Object.fromEntries(Object.entries(text).filter(([, v]) => v !== ""));
}
