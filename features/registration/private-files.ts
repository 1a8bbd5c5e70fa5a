import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { sniffImage } from "../events/upload-logo.ts";
import { Invalid, TooLarge, UnsupportedMedia } from "../shared/errors.ts";
import { privateFiles } from "./schema.ts";

export const maxLetterBytes = 5 * 1024 * 1024;
export const maxPhotoBytes = 2 * 1024 * 1024;

/** A PDF starts with `%PDF-` and ends (give or take whitespace) with `%%EOF`: read from the bytes, never the name. */
export function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 5)).toString("latin1");
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString("latin1");
  return head === "%PDF-" && tail.includes("%%EOF");
}

/** Checks and stores a nomination letter (PDF) or a photo (JPEG/PNG); returns the file id. */
export async function storePrivateFile(tx: DbOrTx, eventId: number, kind: "letter" | "photo", file: File | null | undefined, field: string): Promise<number> {
  if (!file || typeof file === "string" || file.size === 0) throw Invalid("validation", { [field]: "upload.empty" });
  const max = kind === "letter" ? maxLetterBytes : maxPhotoBytes;
  if (file.size > max) throw TooLarge("upload.too_large", { max: kind === "letter" ? "5 MB" : "2 MB" });
  const bytes = new Uint8Array(await file.arrayBuffer());
  let contentType: string | null;
  if (kind === "letter") contentType = isPdf(bytes) ? "application/pdf" : null;
  else contentType = sniffImage(bytes);
  if (!contentType || (kind === "photo" && contentType === "image/webp")) throw UnsupportedMedia(kind === "letter" ? "upload.pdf" : "upload.photo");
  const filename = (file.name || kind).replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 120);
  const [stored] = await tx.insert(privateFiles).values({
    eventId, kind, contentType, filename, size: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"), data: Buffer.from(bytes).toString("base64"),
  }).returning({ id: privateFiles.id });
  return stored.id;
}

export async function loadPrivateFile(db: DbOrTx, eventId: number, id: number) {
  const [file] = await db.select().from(privateFiles).where(and(eq(privateFiles.id, id), eq(privateFiles.eventId, eventId)));
  return file;
}
