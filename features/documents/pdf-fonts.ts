// How a PDF font's character codes become text (for pdf-text.ts): its ToUnicode CMap, which LibreOffice,
// Word, browsers and pdf-lib write, else a simple font's encoding with its differences; and each code's
// width, to tell where a run of text ends.
import { decodePDFRawStream, PDFArray, PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFObject, PDFRawStream, PDFRef } from "pdf-lib";

export interface FontDecoder {
  bytesPerCode: 1 | 2;
  decode(code: number): string;
  /** A code's advance in thousandths of the font size (for where a run ends: a space, or the same word). */
  width(code: number): number;
}

export function lookup(doc: PDFDocument, value: PDFObject | undefined): PDFObject | undefined {
  return value instanceof PDFRef ? doc.context.lookup(value) : value;
}

export function streamBytes(doc: PDFDocument, value: PDFObject | undefined): Uint8Array | null {
  const stream = lookup(doc, value);
  if (!(stream instanceof PDFRawStream)) return null;
  try {
    return decodePDFRawStream(stream).decode();
  } catch {
    return null;
  }
}

const windows1252 = new TextDecoder("windows-1252");
const macRoman = new TextDecoder("macintosh");
const decodeByte = (decoder: TextDecoder) => {
  const table = Array.from({ length: 256 }, (_, i) => decoder.decode(Uint8Array.of(i)));
  return (code: number) => table[code] ?? "";
};

/** How a font's codes become text: its ToUnicode map, else (simple fonts) its encoding with differences. */
export function fontDecoder(doc: PDFDocument, font: PDFObject | undefined): FontDecoder | null {
  if (!(font instanceof PDFDict)) return null;
  const composite = font.get(PDFName.of("Subtype")) === PDFName.of("Type0");
  const width = composite ? compositeWidths(doc, font) : simpleWidths(doc, font);
  const toUnicode = streamBytes(doc, font.get(PDFName.of("ToUnicode")));
  if (toUnicode) {
    const cmap = parseToUnicode(Buffer.from(toUnicode).toString("latin1"));
    const bytesPerCode = cmap.bytesPerCode ?? (composite ? 2 : 1);
    return { bytesPerCode, decode: (code) => cmap.map.get(code) ?? "", width };
  }
  // A composite font without a map names glyphs, not characters: nothing to read.
  if (composite) return null;
  const encoding = lookup(doc, font.get(PDFName.of("Encoding")));
  const baseName = encoding instanceof PDFDict ? encoding.get(PDFName.of("BaseEncoding")) : encoding;
  const base = decodeByte(baseName === PDFName.of("MacRomanEncoding") ? macRoman : windows1252);
  const differences = new Map<number, string>();
  const diffs = encoding instanceof PDFDict ? lookup(doc, encoding.get(PDFName.of("Differences"))) : undefined;
  if (diffs instanceof PDFArray) {
    let code = 0;
    for (const item of diffs.asArray()) {
      const value = lookup(doc, item);
      if (value instanceof PDFName) differences.set(code++, glyphText(value.decodeText()));
      else if (value instanceof PDFNumber) code = value.asNumber();
    }
  }
  return { bytesPerCode: 1, decode: (code) => differences.get(code) ?? base(code), width };
}

const numbers = (doc: PDFDocument, value: PDFObject | undefined): (number | number[])[] => {
  const array = lookup(doc, value);
  if (!(array instanceof PDFArray)) return [];
  return array.asArray().map((item) => {
    const v = lookup(doc, item);
    if (v instanceof PDFNumber) return v.asNumber();
    if (v instanceof PDFArray) return v.asArray().map((x) => (lookup(doc, x) instanceof PDFNumber ? (lookup(doc, x) as PDFNumber).asNumber() : 0));
    return 0;
  });
};

/** A simple font's widths: `/FirstChar` and `/Widths`; half an em for codes it does not list. */
function simpleWidths(doc: PDFDocument, font: PDFDict): (code: number) => number {
  const first = lookup(doc, font.get(PDFName.of("FirstChar")));
  const from = first instanceof PDFNumber ? first.asNumber() : 0;
  const widths = numbers(doc, font.get(PDFName.of("Widths")));
  return (code) => {
    const w = widths[code - from];
    return typeof w === "number" ? w : 500;
  };
}

/** A composite font's widths, from its descendant's `/W` (`c [w1 w2 …]` and `cFirst cLast w`) and `/DW`. */
function compositeWidths(doc: PDFDocument, font: PDFDict): (code: number) => number {
  const descendants = lookup(doc, font.get(PDFName.of("DescendantFonts")));
  const cid = descendants instanceof PDFArray ? lookup(doc, descendants.get(0)) : undefined;
  if (!(cid instanceof PDFDict)) return () => 1000;
  const dw = lookup(doc, cid.get(PDFName.of("DW")));
  const fallback = dw instanceof PDFNumber ? dw.asNumber() : 1000;
  const widths = new Map<number, number>();
  const w = numbers(doc, cid.get(PDFName.of("W")));
  for (let i = 0; i < w.length && widths.size < 100_000; ) {
    const start = w[i];
    const next = w[i + 1];
    if (typeof start !== "number") break;
    if (Array.isArray(next)) {
      for (const [j, width] of next.entries()) widths.set(start + j, width);
      i += 2;
    } else {
      const last = next;
      const width = w[i + 2];
      if (typeof last !== "number" || typeof width !== "number") break;
      for (let c = start; c <= last && c - start < 65_536; c++) widths.set(c, width);
      i += 3;
    }
  }
  // Identity-H: the code is the glyph id, which `/W` is keyed by.
  return (code) => widths.get(code) ?? fallback;
}

const namedGlyphs: Record<string, string> = {
  space: " ",
  period: ".",
  comma: ",",
  colon: ":",
  semicolon: ";",
  hyphen: "-",
  endash: "–",
  emdash: "—",
  quoteright: "’",
  quoteleft: "‘",
  quotedblleft: "“",
  quotedblright: "”",
  quotesingle: "'",
  parenleft: "(",
  parenright: ")",
  slash: "/",
  ...Object.fromEntries(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"].map((n, i) => [n, String(i)])),
};

/** A glyph name's text (Adobe Glyph List conventions, the common part): `a`, `uni0416`, `u1F600`, `comma`. */
function glyphText(name: string): string {
  if (/^[A-Za-z]$/.test(name)) return name;
  const uni = /^uni([0-9A-Fa-f]{4})+$/.exec(name) ? name.slice(3).match(/.{4}/g)! : null;
  if (uni) return String.fromCharCode(...uni.map((h) => Number.parseInt(h, 16)));
  const u = /^u([0-9A-Fa-f]{4,6})$/.exec(name);
  if (u) return String.fromCodePoint(Number.parseInt(u[1], 16));
  return namedGlyphs[name] ?? "";
}

/** A ToUnicode CMap's mappings (`bfchar`, `bfrange`) and the width of its codes (from `codespacerange`). */
export function parseToUnicode(text: string): { bytesPerCode: 1 | 2 | null; map: Map<number, string> } {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => {
    const padded = hex.length % 4 ? hex.padStart(Math.ceil(hex.length / 4) * 4, "0") : hex;
    const units = padded.match(/.{4}/g) ?? [];
    return String.fromCharCode(...units.map((u) => Number.parseInt(u, 16)));
  };
  const space = /begincodespacerange\s*<([0-9a-fA-F]+)>/.exec(text);
  const bytesPerCode = space ? (space[1].length <= 2 ? 1 : 2) : null;
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(Number.parseInt(src, 16), utf16(dst));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst, list] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:<([0-9a-fA-F]*)>|\[([^\]]*)\])/g)) {
      const from = Number.parseInt(lo, 16);
      const to = Math.min(Number.parseInt(hi, 16), from + 65_535);
      if (list !== undefined) {
        const items = [...list.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => utf16(m[1]));
        for (let code = from; code <= to && code - from < items.length; code++) map.set(code, items[code - from]);
      } else if (dst !== undefined) {
        const base = utf16(dst);
        const head = base.slice(0, -1);
        const lastUnit = base.charCodeAt(base.length - 1);
        for (let code = from; code <= to; code++) map.set(code, head + String.fromCharCode(lastUnit + (code - from)));
      }
    }
  }
  return { bytesPerCode, map };
}
