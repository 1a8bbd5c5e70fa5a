import { createInflateRaw } from "node:zlib";
import { AppError, TooLarge, UnsupportedMedia } from "../shared/errors.ts";
import { type ArchiveRule, formatBytes } from "./kinds.ts";

/**
 * A zip (an XLSX workbook is one) is checked before anything unpacks it: a 1.5 MB file can claim, and
 * unpack to, gigabytes. We read the central directory ourselves (the index at the end of the file), refuse
 * on what it declares (entry count, sizes, compression ratio), then inflate each entry once into nothing,
 * counting, to catch a directory that lies about sizes. Only then does exceljs (through JSZip) read it;
 * JSZip unpacks each entry whole, which is why its sizes must be known good first.
 */

export interface ArchiveEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  dataStart: number;
}

const eocdSignature = 0x06054b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;

const notAZip = () => UnsupportedMedia("import.type");

/** The entries a zip's central directory lists; throws 415 when the bytes are not a zip we can read. */
export function readCentralDirectory(bytes: Uint8Array): ArchiveEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is 22 bytes plus a comment of at most 65,535: searched for backwards.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (view.getUint32(at, true) === eocdSignature) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw notAZip();
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  // Split archives and ZIP64 (marked by all-ones fields) are refused: a workbook under our upload limit needs neither.
  if (view.getUint16(eocd + 4, true) !== 0 || count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw notAZip();
  if (offset + size > eocd) throw notAZip();
  const entries: ArchiveEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== centralSignature) throw notAZip();
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const uncompressedSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff) throw notAZip();
    const name = Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString("utf8");
    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== localSignature) throw notAZip();
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > bytes.length) throw notAZip();
    entries.push({ name, method, compressedSize, uncompressedSize, dataStart });
    at += 46 + nameLength + extraLength + commentLength;
  }
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
