import { createInflateRaw } from "node:zlib";
import { AppError, TooLarge, UnsupportedMedia } from "../shared/errors.ts";
import { type ArchiveRule, formatBytes } from "./kinds.ts";
import { type ArchiveEntry, zipEntries } from "./zip.ts";

/**
 * A zip (an XLSX workbook is one) is checked before anything unpacks it: a 1.5 MB file can claim, and
 * unpack to, gigabytes. We read the central directory ourselves (the index at the end of the file), refuse
 * on what it declares (entry count, sizes, compression ratio), then inflate each entry once into nothing,
 * counting, to catch a directory that lies about sizes. Only then does exceljs (through JSZip) read it;
 * JSZip unpacks each entry whole, which is why its sizes must be known good first.
 */

export type { ArchiveEntry } from "./zip.ts";

const notAZip = () => UnsupportedMedia("import.type");

/** The entries a zip's central directory lists; throws 415 when the bytes are not a zip we can read. */
export function readCentralDirectory(bytes: Uint8Array): ArchiveEntry[] {
  const entries = zipEntries(bytes);
  if (!entries) throw notAZip();
  return entries;
}

/** Inflates into nothing, counting; stops (and rejects) as soon as the count passes `limit`. */
function inflatedSize(compressed: Uint8Array, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let total = 0;
    inflate.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        inflate.destroy();
        reject(new RangeError("inflates past its declared size"));
      }
    });
    inflate.on("end", () => resolve(total));
    inflate.on("error", reject);
    inflate.end(compressed);
  });
}

/** Refuses (413 `upload.archive_too_large`, 415 when unreadable) a zip that would unpack to more than the rule allows. */
export async function checkArchive(bytes: Uint8Array, rule: ArchiveRule): Promise<ArchiveEntry[]> {
  const tooLarge = () => TooLarge("upload.archive_too_large", { max: formatBytes(rule.maxUnpackedBytes) });
  const entries = readCentralDirectory(bytes);
  if (entries.length > rule.maxEntries) throw tooLarge();
  let declared = 0;
  for (const entry of entries) {
    // Stored (0) and deflated (8) are what spreadsheets use, and all JSZip reads.
    if (entry.method !== 0 && entry.method !== 8) throw notAZip();
    declared += entry.uncompressedSize;
    if (declared > rule.maxUnpackedBytes) throw tooLarge();
    if (entry.uncompressedSize > rule.ratioFloorBytes && entry.uncompressedSize > rule.maxRatio * Math.max(1, entry.compressedSize)) throw tooLarge();
  }
  for (const entry of entries) {
    const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize) throw notAZip();
      continue;
    }
    let actual: number;
    try {
      actual = await inflatedSize(data, entry.uncompressedSize);
    } catch (error) {
      if (error instanceof RangeError) throw tooLarge();
      if (error instanceof AppError) throw error;
      throw notAZip();
    }
    // Fewer bytes than declared: JSZip would refuse it after unpacking; we refuse it before.
    if (actual !== entry.uncompressedSize) throw notAZip();
  }
  return entries;
}
