import { crc32, createInflateRaw, deflateRawSync } from "node:zlib";

/**
 * A zip's central directory (the index at its end), read by hand: what it lists, where each entry's bytes
 * start. Nothing here unpacks more than it is asked to; archive.ts checks a whole zip before anything else
 * reads it, and the text of a DOCX or ODT is read one entry at a time, up to a limit.
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

/** The entries of a zip, or null when the bytes are not a zip this reader takes (split, ZIP64, cut short). */
export function zipEntries(bytes: Uint8Array): ArchiveEntry[] | null {
  if (bytes.length < 22) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is 22 bytes plus a comment of at most 65,535: searched for backwards.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (view.getUint32(at, true) === eocdSignature) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  // Split archives and ZIP64 (marked by all-ones fields) are refused: a file under our upload limits needs neither.
  if (view.getUint16(eocd + 4, true) !== 0 || count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return null;
  if (offset + size > eocd) return null;
  const entries: ArchiveEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== centralSignature) return null;
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const uncompressedSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff) return null;
    const name = Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString("utf8");
    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== localSignature) return null;
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > bytes.length) return null;
    entries.push({ name, method, compressedSize, uncompressedSize, dataStart });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * One entry's bytes, unpacked up to `maxBytes` (the rest is never unpacked: a longer entry is cut there), or
 * null when it is missing or unreadable.
 */
export function readZipEntry(bytes: Uint8Array, entries: readonly ArchiveEntry[], name: string, maxBytes: number): Promise<Uint8Array | null> {
  const entry = entries.find((e) => e.name === name);
  if (!entry) return Promise.resolve(null);
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) return Promise.resolve(data.subarray(0, maxBytes));
  if (entry.method !== 8) return Promise.resolve(null);
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    const chunks: Buffer[] = [];
    let total = 0;
    let done = false;
    const finish = (value: Uint8Array | null) => {
      if (done) return;
      done = true;
      resolve(value);
    };
    inflate.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= maxBytes) {
        inflate.destroy();
        finish(Buffer.concat(chunks, total).subarray(0, maxBytes));
      }
    });
    inflate.on("end", () => finish(Buffer.concat(chunks, total)));
    inflate.on("error", () => finish(null));
    inflate.end(data);
  });
}

const odtMimetype = "application/vnd.oasis.opendocument.text";

/**
 * The word-processing type a zip holds, from its directory: DOCX has `word/document.xml`; an ODF text
 * starts with an uncompressed `mimetype` entry naming its type. Null for any other zip.
 */
export function zipDocumentType(
  bytes: Uint8Array,
): "application/vnd.openxmlformats-officedocument.wordprocessingml.document" | "application/vnd.oasis.opendocument.text" | null {
  const entries = zipEntries(bytes);
  if (!entries) return null;
  if (entries.some((e) => e.name === "word/document.xml") && entries.some((e) => e.name === "[Content_Types].xml"))
    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  const mimetype = entries.find((e) => e.name === "mimetype");
  if (mimetype && mimetype.method === 0) {
    const text = Buffer.from(bytes.subarray(mimetype.dataStart, mimetype.dataStart + Math.min(mimetype.compressedSize, 100))).toString("latin1");
    if (text.trim() === odtMimetype) return odtMimetype;
  }
  return null;
}

/**
 * A zip of the entries given, deflated (or stored, as ODF's `mimetype` must be), for the files the app
 * writes itself (the demo's documents). Small files only: everything is held in memory.
 */
export function writeZip(entries: readonly { name: string; data: Uint8Array; store?: boolean }[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const packed = entry.store ? Buffer.from(entry.data) : deflateRawSync(entry.data);
    const crc = crc32(entry.data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(localSignature, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // names in UTF-8
    header.writeUInt16LE(entry.store ? 0 : 8, 8);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(entry.data.length, 22);
    header.writeUInt16LE(name.length, 26);
    locals.push(header, name, packed);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(centralSignature, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(entry.store ? 0 : 8, 10);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(packed.length, 20);
    record.writeUInt32LE(entry.data.length, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += header.length + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(eocdSignature, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
