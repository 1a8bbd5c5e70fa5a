import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import { fileStore } from "../files/store.ts";
import type { StaffContext } from "../shared/context.ts";
import { Forbidden, Invalid } from "../shared/errors.ts";
import { localizedSchema } from "../shared/localized.ts";
import { parseInput } from "../shared/validate.ts";
import { checkLocalized } from "./check-languages.ts";
import type { EventRow } from "./queries.ts";
import { events } from "./schema.ts";

const logoInput = z.object({ logoAlt: localizedSchema.optional() });

/**
 * The event's logo (site header, schedule.json, badges): a new file replaces the old one, which is deleted;
 * limits and types are the "logo" kind's (features/files/kinds.ts). Without a file, only the text that
 * describes the logo changes. The settings' version is left alone: a logo does not make an open settings
 * form stale.
 */
export async function uploadEventLogo(ctx: StaffContext, event: EventRow, file: File | string | null | undefined, input: unknown): Promise<EventRow> {
  if (!can(ctx.actor, "event.edit")) throw Forbidden();
  const { logoAlt } = checkLocalized(event.languages, { logoAlt: parseInput(logoInput, input).logoAlt });
  const hasFile = file && typeof file !== "string" && file.size > 0;
  if (!hasFile && !event.logoFileId) throw Invalid("validation", { logo: "upload.empty" });
  return ctx.db.transaction(async (tx) => {
    const stored = hasFile ? await fileStore.put(tx, { eventId: event.id, kind: "logo", filename: file.name, body: file }, "logo") : null;
    const [saved] = await tx
      .update(events)
      .set({ logoFileId: stored?.id ?? event.logoFileId, logoAlt, updatedAt: ctx.now })
      .where(eq(events.id, event.id))
      .returning();
    if (stored && event.logoFileId) await fileStore.delete(tx, event.id, { ids: [event.logoFileId], kinds: ["logo"] });
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "event",
      entityId: event.id,
      action: "update",
      before: { logoFileId: event.logoFileId, logoAlt: event.logoAlt },
      after: { logoFileId: saved.logoFileId, logoAlt: saved.logoAlt },
    });
    return saved;
  });
}

export async function removeEventLogo(ctx: StaffContext, event: EventRow): Promise<void> {
  if (!can(ctx.actor, "event.edit")) throw Forbidden();
  if (!event.logoFileId) return;
  await ctx.db.transaction(async (tx) => {
    await tx.update(events).set({ logoFileId: null, updatedAt: ctx.now }).where(eq(events.id, event.id));
    await fileStore.delete(tx, event.id, { ids: [event.logoFileId!], kinds: ["logo"] });
    await recordAudit(tx, {
      eventId: event.id,
      actorId: ctx.actor.userId,
      entity: "event",
      entityId: event.id,
      action: "update",
      before: { logoFileId: event.logoFileId },
      after: { logoFileId: null },
    });
  });
}
