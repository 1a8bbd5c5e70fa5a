import { and, eq } from "drizzle-orm";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import { fileStore } from "../files/store.ts";
import type { StaffContext } from "../shared/context.ts";
import { Forbidden, Invalid, NotFound } from "../shared/errors.ts";
import type { EventRow } from "./queries.ts";
import { organisations } from "./schema.ts";

/** A new logo replaces the organisation's old one (which is deleted); limits and types in features/files/kinds.ts. */
export async function uploadLogo(ctx: StaffContext, event: EventRow, organisationId: number, file: File | null | undefined) {
  if (!can(ctx.actor, "organisations.edit")) throw Forbidden();
  if (!file || typeof file === "string" || file.size === 0) throw Invalid("validation", { logo: "upload.empty" });
  const [organisation] = await ctx.db
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, organisationId), eq(organisations.eventId, event.id)));
  if (!organisation) throw NotFound();
  return ctx.db.transaction(async (tx) => {
    const stored = await fileStore.put(tx, { eventId: event.id, kind: "logo", filename: file.name, body: file }, "logo");
    await tx.update(organisations).set({ logoFileId: stored.id }).where(eq(organisations.id, organisation.id));
    if (organisation.logoFileId) await fileStore.delete(tx, event.id, { ids: [organisation.logoFileId], kinds: ["logo"] });
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "organisation",
      entityId: organisation.id,
      action: "update",
      before: { logoFileId: organisation.logoFileId },
      after: { logoFileId: stored.id },
    });
    return stored.id;
  });
}
