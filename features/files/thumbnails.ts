// Photo thumbnails: a small JPEG beside each stored photo, for kiosks (which keep a door's photos offline)
// and staff lists. Made with sharp (libvips) when a photo is stored; photos stored before thumbnails
// existed get theirs on their first request (docs/decisions/0021).
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import type { DbOrTx } from "../../db/index.ts";
import { fileRules } from "./kinds.ts";
import { photoThumbnails } from "./schema.ts";
import { fileStore, type NewFile, readCapped, type StoredFile } from "./store.ts";

// Every photo is different: libvips' operation cache would only hold memory.
sharp.cache(false);

/** The longer side of a thumbnail, in pixels: sharp on a phone's or tablet's screen at a door. */
export const thumbnailPixels = 128;

export interface Thumbnail {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A thumbnail of an image's bytes (JPEG, orientation applied, metadata dropped), or null if they are not an image libvips reads. */
export async function makeThumbnail(bytes: Uint8Array): Promise<Thumbnail | null> {
  try {
    const { data, info } = await sharp(bytes, { failOn: "error", limitInputPixels: 50_000_000 })
      .rotate()
      .resize(thumbnailPixels, thumbnailPixels, { fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 75, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  } catch {
    return null;
  }
}

async function storeThumbnail(db: DbOrTx, eventId: number, fileId: number, bytes: Uint8Array) {
  const thumb = await makeThumbnail(bytes);
  const [row] = await db
    .insert(photoThumbnails)
    .values({
      fileId,
      eventId,
      usable: !!thumb,
      width: thumb?.width ?? 0,
      height: thumb?.height ?? 0,
      size: thumb?.data.length ?? 0,
      data: thumb?.data ?? null,
    })
    .onConflictDoNothing()
    .returning();
  return row;
}

/** Stores a photo (checked like any file of kind `photo`) and its thumbnail, in the caller's transaction. */
export async function putPhoto(db: DbOrTx, file: Omit<NewFile, "kind">, field = "photo"): Promise<StoredFile> {
  const bytes = await readCapped(file.body, fileRules.photo.maxBytes, "photo");
  const stored = await fileStore.put(db, { ...file, kind: "photo", body: bytes }, field);
  await storeThumbnail(db, file.eventId, stored.id, bytes);
  return stored;
}

/**
 * The thumbnail of one of the event's photos: the stored one, else made now from the photo and kept (the
 * path by which photos stored before thumbnails get theirs). Null when there is no such photo or its bytes
 * are not an image.
 */
export async function photoThumbnail(db: DbOrTx, eventId: number, fileId: number): Promise<(Thumbnail & { etag: string }) | null> {
  const found = await db
    .select()
    .from(photoThumbnails)
    .where(and(eq(photoThumbnails.fileId, fileId), eq(photoThumbnails.eventId, eventId)));
  let row = found[0];
  if (!row) {
    const photo = await fileStore.get(db, eventId, fileId, ["photo"]);
    if (!photo) return null;
    row = (await storeThumbnail(db, eventId, fileId, photo.bytes)) ?? (await db.select().from(photoThumbnails).where(eq(photoThumbnails.fileId, fileId)))[0];
  }
  if (!row?.usable || !row.data) return null;
  return { data: row.data, width: row.width, height: row.height, etag: `"t${fileId}-${row.size}"` };
}

/** An image as a PDF can embed it: JPEG and PNG as they are, anything else libvips reads (a WebP logo) as PNG. */
export async function printableImage(bytes: Uint8Array, type: string): Promise<{ bytes: Uint8Array; type: "image/jpeg" | "image/png" } | null> {
  if (type === "image/jpeg" || type === "image/png") return { bytes, type };
  try {
    const png = await sharp(bytes, { failOn: "error" }).png().toBuffer();
    return { bytes: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), type: "image/png" };
  } catch {
    return null;
  }
}
