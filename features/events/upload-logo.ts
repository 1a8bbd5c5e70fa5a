import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../access/audit.ts";
import { can } from "../access/policy.ts";
import type { CommandContext } from "../shared/context.ts";
import { Forbidden, Invalid, NotFound, TooLarge, UnsupportedMedia } from "../shared/errors.ts";
import type { EventRow } from "./queries.ts";
import { files, organisations } from "./schema.ts";

export const maxLogoBytes = 1024 * 1024;

/**
 * The type is read from the bytes, never from the name or the browser's word: PNG, JPEG and WebP only
 * (SVG can carry scripts). Returns the MIME type, or null.
 */
export function sniffImage(bytes: Uint8Array): "image/png" | "image/jpeg" | "image/webp" | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (bytes.length >= 24 && starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && starts([0x49, 0x48, 0x44, 0x52], 12)) return "image/png";
  if (bytes.length >= 4 && starts([0xff, 0xd8, 0xff]) && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9) return "image/jpeg";
  if (bytes.length >= 16 && starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

export async function uploadLogo(ctx: CommandContext, event: EventRow, organisationId: number, file: File | null | undefined) {
  if (!can(ctx.actor, "organisations.edit")) throw Forbidden();
  if (!file || file.size === 0) throw Invalid("validation", { logo: "upload.empty" });
  if (file.size > maxLogoBytes) throw TooLarge("upload.too_large", { max: "1 MB" });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffImage(bytes);
  if (!type) throw UnsupportedMedia("upload.type");
  const [organisation] = await ctx.db.select().from(organisations).where(and(eq(organisations.id, organisationId), eq(organisations.eventId, event.id)));
  if (!organisation) throw NotFound();
  return ctx.db.transaction(async (tx) => {
    const [stored] = await tx.insert(files).values({
      eventId: event.id, contentType: type, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"), data: Buffer.from(bytes).toString("base64"),
    }).returning({ id: files.id });
    await tx.update(organisations).set({ logoFileId: stored.id }).where(eq(organisations.id, organisation.id));
    if (organisation.logoFileId) await tx.delete(files).where(eq(files.id, organisation.logoFileId));
    await recordAudit(tx, { eventId: event.id, actorId: ctx.actor.userId, entity: "organisation", entityId: organisation.id, action: "update",
      before: { logoFileId: organisation.logoFileId }, after: { logoFileId: stored.id } });
    return stored.id;
  });
}
