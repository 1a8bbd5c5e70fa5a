import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { inflateSync } from "node:zlib";
import fontkit from "@pdf-lib/fontkit";

/**
 * The fonts badges and other PDFs are printed with: Noto Sans (Latin, Cyrillic, Greek), Noto Sans Arabic
 * and Noto Sans SC, from the Fontsource packages on the npm registry (SIL Open Font License), so a
 * machine without system fonts prints the same. Fontsource ships each font cut into pieces by Unicode
 * range (its `unicode.json`); a character is printed with the first piece that covers it.
 */
export interface FontPiece {
  file: string;
  /** Embedded whole rather than as a subset: scripts whose joined forms are composite glyphs (Arabic). */
  whole: boolean;
  ranges: [number, number][];
}

const require = createRequire(import.meta.url);
const packages = ["@fontsource/noto-sans", "@fontsource/noto-sans-arabic", "@fontsource/noto-sans-sc"] as const;
/** Within Noto Sans, the scripts a badge needs, in the order they are tried. */
const preferred = ["latin", "latin-ext", "cyrillic", "cyrillic-ext", "greek", "greek-ext", "vietnamese", "arabic"];

let pieces: FontPiece[] | undefined;

export function fontPieces(): FontPiece[] {
  if (pieces) return pieces;
  const out: FontPiece[] = [];
  for (const name of packages) {
    const dir = path.dirname(require.resolve(name));
    const unicode = JSON.parse(readFileSync(path.join(dir, "unicode.json"), "utf8")) as Record<string, string>;
    const base = name.slice("@fontsource/".length);
    const subsets = Object.keys(unicode)
      .filter((s) => !["symbols", "math"].includes(s))
      .sort((a, b) => rank(a) - rank(b));
    for (const subset of subsets) {
      const id = subset.replace(/^\[(\d+)\]$/, "$1");
      out.push({ file: path.join(dir, "files", `${base}-${id}-400-normal.woff`), whole: subset === "arabic", ranges: parseRanges(unicode[subset]) });
    }
  }
  pieces = out;
  return out;
}

function rank(subset: string): number {
  const i = preferred.indexOf(subset);
  if (i >= 0) return i;
  const n = /^\[(\d+)\]$/.exec(subset);
  return 100 + (n ? Number(n[1]) : 1000);
}

function parseRanges(text: string): [number, number][] {
  return text.split(",").map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, "").split("-");
    return [Number.parseInt(from, 16), Number.parseInt(to ?? from, 16)];
  });
}

const pieceOf = new Map<number, FontPiece | null>();

/** The piece that covers a code point, or null (then the text is printed without it). Remembered per code point. */
export function pieceFor(codePoint: number): FontPiece | null {
  const known = pieceOf.get(codePoint);
  if (known !== undefined) return known;
  let found: FontPiece | null = null;
  search: for (const piece of fontPieces()) {
    for (const [from, to] of piece.ranges) {
      if (codePoint >= from && codePoint <= to) {
        found = piece;
        break search;
      }
    }
  }
  pieceOf.set(codePoint, found);
  return found;
}

const bytes = new Map<string, Uint8Array>();
export function fontBytes(piece: FontPiece): Uint8Array {
  let data = bytes.get(piece.file);
  if (!data) {
    data = new Uint8Array(readFileSync(piece.file));
    bytes.set(piece.file, data);
  }
  return data;
}

const sfnts = new Map<string, Uint8Array>();
/** A whole piece as plain OpenType (see `woffToSfnt`), converted once per process. */
export function sfntBytes(piece: FontPiece): Uint8Array {
  let data = sfnts.get(piece.file);
  if (!data) {
    data = woffToSfnt(fontBytes(piece));
    sfnts.set(piece.file, data);
  }
  return data;
}

const parsed = new WeakMap<Uint8Array, ReturnType<typeof fontkit.create>>();

/**
 * fontkit for pdf-lib (`doc.registerFontkit`), parsing each font file once per process rather than once per
 * document: a print run makes a document per part, and parsing a WOFF (inflating its tables) cost more than
 * laying out its text. The parsed font is shared by the documents that embed it; each still makes its own
 * subset. Keyed by the bytes themselves: `fontBytes` and `sfntBytes` hand out one array per piece.
 */
export const sharedFontkit = {
  create(buffer: Uint8Array, postscriptName?: string) {
    if (postscriptName) return fontkit.create(buffer, postscriptName);
    let font = parsed.get(buffer);
    if (!font) {
      font = fontkit.create(buffer);
      parsed.set(buffer, font);
    }
    return font;
  },
};

/**
 * A WOFF 1.0 file as the plain OpenType font it wraps (each table inflated, the directory rebuilt), for
 * fonts embedded whole: the PDF library subsets composite glyphs wrongly (Arabic's joined forms lost
 * their shapes), and embeds a WOFF it does not subset as it is, which PDF readers cannot open.
 */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const src = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (src.toString("latin1", 0, 4) !== "wOFF") throw new Error("not a WOFF 1.0 font");
  const flavor = src.readUInt32BE(4);
  const numTables = src.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20;
    const offset = src.readUInt32BE(at + 4);
    const compLength = src.readUInt32BE(at + 8);
    const origLength = src.readUInt32BE(at + 12);
    const raw = src.subarray(offset, offset + compLength);
    tables.push({ tag: src.readUInt32BE(at), checksum: src.readUInt32BE(at + 16), data: compLength < origLength ? inflateSync(raw) : Buffer.from(raw) });
  }
  let searchRange = 1;
  let entrySelector = 0;
  while (searchRange * 2 <= numTables) {
    searchRange *= 2;
    entrySelector++;
  }
  const headerLength = 12 + 16 * numTables;
  const total = headerLength + tables.reduce((sum, t) => sum + Math.ceil(t.data.length / 4) * 4, 0);
  const out = Buffer.alloc(total);
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange * 16, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange * 16, 10);
  let offset = headerLength;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    out.writeUInt32BE(t.tag, at);
    out.writeUInt32BE(t.checksum, at + 4);
    out.writeUInt32BE(offset, at + 8);
    out.writeUInt32BE(t.data.length, at + 12);
    t.data.copy(out, offset);
    offset += Math.ceil(t.data.length / 4) * 4;
  });
  return new Uint8Array(out);
}
