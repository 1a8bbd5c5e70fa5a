import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../db/index.ts";
import { sniffImage } from "../events/upload-logo.ts";
import { Invalid, TooLarge, UnsupportedMedia } from "../shared/errors.ts";
import { privateFiles, type PrivateFileKind } from "./schema.ts";

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
  return storeCheckedFile(tx, eventId, kind, { bytes, contentType, filename: file.name || kind });
}

/** A name safe to show and to put in a Content-Disposition header. */
export const safeFilename = (name: string) => name.replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 120);

/** Stores bytes whose type the caller has already read from them; returns the file id. */
export async function storeCheckedFile(tx: DbOrTx, eventId: number, kind: PrivateFileKind, file: { bytes: Uint8Array; contentType: string; filename: string }): Promise<number> {
  const { bytes } = file;
  const [stored] = await tx.insert(privateFiles).values({
    eventId, kind, contentType: file.contentType, filename: safeFilename(file.filename || kind), size: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"), data: Buffer.from(bytes).toString("base64"),
  }).returning({ id: privateFiles.id });
  return stored.id;
}

/** Attachments (file answers to the event's own questions): a PDF, JPEG or PNG, read from the bytes. */
export const maxAttachmentBytes = 5 * 1024 * 1024;
export function attachmentType(bytes: Uint8Array): "application/pdf" | "image/jpeg" | "image/png" | null {
  if (isPdf(bytes)) return "application/pdf";
  const image = sniffImage(bytes);
  return image === "image/jpeg" || image === "image/png" ? image : null;
}

export async function loadPrivateFile(db: DbOrTx, eventId: number, id: number) {
  const [file] = await db.select().from(privateFiles).where(and(eq(privateFiles.id, id), eq(privateFiles.eventId, eventId)));
  return file;
}

/** The names of attachments, by id (for showing file answers). */
export async function attachmentNames(db: DbOrTx, eventId: number, ids: readonly number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const found = await db.select({ id: privateFiles.id, filename: privateFiles.filename }).from(privateFiles)
    .where(and(eq(privateFiles.eventId, eventId), eq(privateFiles.kind, "attachment"), inArray(privateFiles.id, [...ids])));
  return new Map(found.map((f) => [f.id, f.filename]));
}
