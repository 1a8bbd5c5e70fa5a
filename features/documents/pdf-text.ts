// The text of a PDF, for search, read with pdf-lib (already a dependency, for badges) rather than pdf.js:
// pdf-lib parses the file and unpacks its streams; this module reads the pages' content streams for the
// text-showing operators and turns character codes into Unicode through each font (pdf-fonts.ts). Layout is
// guessed only as far as search needs: a new line where the text moves to another line, a space where it
// jumps along one. Scanned pages (images) and fonts without any map give no text; the document is then
// found by its title and summary (docs/decisions/0019-documents-library.md).
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFRawStream } from "pdf-lib";
import { type FontDecoder, fontDecoder, lookup, streamBytes } from "./pdf-fonts.ts";

/** At most this many pages are read, and reading stops once `maxChars` of text are collected. */
const maxPages = 2000;
const maxFormDepth = 4;

type Operand = number | Uint8Array | string | Operand[] | null;

export async function pdfText(bytes: Uint8Array, maxChars: number): Promise<string | null> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    // Encrypted or beyond pdf-lib's parser: indexed without its text.
    return null;
  }
  const out = new TextCollector(maxChars);
  try {
    const pages = doc.getPages().slice(0, maxPages);
    for (const page of pages) {
      if (out.full) break;
      const resources = page.node.Resources();
      const contents = page.node.Contents();
      const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
      const data = concat(streams.map((s) => streamBytes(doc, s)).filter((b): b is Uint8Array => b !== null));
      new ContentReader(doc, out).run(data, resources, 0);
      out.pageBreak();
    }
  } catch {
    // A page tree or stream pdf-lib cannot follow: what was read before it is kept.
  }
  const text = out.toString();
  return text.length > 0 ? text : null;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length + 1, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
    // Streams of one page are joined as if by whitespace.
    out[at++] = 0x0a;
  }
  return out;
}

/** Text as read, with runs of whitespace folded and a cap on its length. */
class TextCollector {
  #parts: string[] = [];
  #length = 0;
  readonly #max: number;
  #last = " ";
  constructor(max: number) {
    this.#max = max;
  }
  get full() {
    return this.#length >= this.#max;
  }
  add(text: string) {
    if (this.full || text.length === 0) return;
    const cleaned = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
    if (cleaned.length === 0) return;
    this.#parts.push(cleaned);
    this.#length += cleaned.length;
    this.#last = cleaned.at(-1)!;
  }
  space() {
    if (!/\s/.test(this.#last)) this.add(" ");
  }
  newline() {
    if (this.#last !== "\n") this.add("\n");
  }
  pageBreak() {
    this.newline();
  }
  toString() {
    return this.#parts
      .join("")
      .replace(/[ \t]+/g, " ")
      .replace(/ ?\n[\n ]*/g, "\n")
      .trim()
      .slice(0, this.#max);
  }
}

/** Byte classes of PDF syntax (7.2.2): 1 whitespace, 2 delimiter, 0 regular. */
const byteClass = new Uint8Array(256);
for (const b of [0x20, 0x0a, 0x0d, 0x09, 0x0c, 0x00]) byteClass[b] = 1;
for (const b of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) byteClass[b] = 2;
const isWhite = (b: number) => byteClass[b] === 1;
/** A hex digit's value, or 255. */
const nibble = new Uint8Array(256).fill(255);
for (let i = 0; i < 10; i++) nibble[0x30 + i] = i;
for (let i = 0; i < 6; i++) nibble[0x41 + i] = nibble[0x61 + i] = 10 + i;
const latin1 = new TextDecoder("latin1");

/** One token of a content stream: an operand, a bracket, or an operator (`{ op }`). */
type Token = { op: string } | { open: "[" | "<<" } | { close: "]" | ">>" } | { value: Operand };

/** A content stream's lexer (PDF 32000-1, 7.2 and 7.3): numbers, strings, names, arrays, dictionaries, operators. */
class Lexer {
  pos = 0;
  readonly data: Uint8Array;
  constructor(data: Uint8Array) {
    this.data = data;
  }

  next(): Token | null {
    const d = this.data;
    for (;;) {
      while (this.pos < d.length && byteClass[d[this.pos]] === 1) this.pos++;
      if (this.pos >= d.length) return null;
      if (d[this.pos] !== 0x25 /* % */) break;
      while (this.pos < d.length && d[this.pos] !== 0x0a && d[this.pos] !== 0x0d) this.pos++;
    }
    const c = d[this.pos];
    if (c === 0x28 /* ( */) return { value: this.literal() };
    if (c === 0x3c /* < */) {
      if (d[this.pos + 1] === 0x3c) {
        this.pos += 2;
        return { open: "<<" };
      }
      return { value: this.hex() };
    }
    if (c === 0x3e /* > */) {
      this.pos += d[this.pos + 1] === 0x3e ? 2 : 1;
      return { close: ">>" };
    }
    if (c === 0x5b) {
      this.pos++;
      return { open: "[" };
    }
    if (c === 0x5d) {
      this.pos++;
      return { close: "]" };
    }
    if (c === 0x7b || c === 0x7d || c === 0x29) {
      this.pos++;
      return this.next();
    }
    if (c === 0x2f /* / */) {
      this.pos++;
      return { value: `/${this.word()}` };
    }
    // A number starts with a digit, a sign or a point; anything else regular is an operator.
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      const value = Number(this.word());
      return { value: Number.isNaN(value) ? 0 : value };
    }
    return { op: this.word() };
  }

  private word(): string {
    const d = this.data;
    const start = this.pos;
    while (this.pos < d.length && byteClass[d[this.pos]] === 0) this.pos++;
    if (this.pos === start) this.pos++;
    const text = latin1.decode(d.subarray(start, this.pos));
    return text.includes("#") ? text.replace(/#([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16))) : text;
  }

  private literal(): Uint8Array {
    const d = this.data;
    const out: number[] = [];
    let depth = 0;
    this.pos++;
    while (this.pos < d.length) {
      const c = d[this.pos++];
      if (c === 0x5c /* \ */) {
        const e = d[this.pos++];
        const simple: Record<number, number> = { 110: 0x0a, 114: 0x0d, 116: 0x09, 98: 0x08, 102: 0x0c };
        if (e in simple) out.push(simple[e]);
        else if (e >= 0x30 && e <= 0x37) {
          let n = e - 0x30;
          for (let i = 0; i < 2 && d[this.pos] >= 0x30 && d[this.pos] <= 0x37; i++) n = n * 8 + (d[this.pos++] - 0x30);
          out.push(n & 0xff);
        } else if (e === 0x0d) {
          if (d[this.pos] === 0x0a) this.pos++;
        } else if (e !== 0x0a) out.push(e);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (depth === 0) break;
        depth--;
        out.push(c);
      } else out.push(c);
    }
    return Uint8Array.from(out);
  }

  private hex(): Uint8Array {
    const d = this.data;
    const start = this.pos + 1;
    let stop = start;
    let digits = 0;
    for (; stop < d.length && d[stop] !== 0x3e; stop++) if (nibble[d[stop]] !== 255) digits++;
    const out = new Uint8Array((digits + 1) >> 1);
    let n = 0;
    for (let i = start; i < stop; i++) {
      const v = nibble[d[i]];
      if (v === 255) continue;
      out[n >> 1] |= n & 1 ? v : v << 4;
      n++;
    }
    this.pos = stop + 1;
    return out;
  }

  /** Skips an inline image's data after `ID`, up to its `EI`. */
  skipInlineImage() {
    const d = this.data;
    this.pos++;
    while (this.pos < d.length - 2) {
      if (d[this.pos] === 0x45 && d[this.pos + 1] === 0x49 && isWhite(d[this.pos - 1]) && (this.pos + 2 >= d.length || isWhite(d[this.pos + 2]))) {
        this.pos += 2;
        return;
      }
      this.pos++;
    }
    this.pos = d.length;
  }
}

/** Runs the text operators of a content stream (and of the forms it draws) into the collector. */
class ContentReader {
  readonly #doc: PDFDocument;
  readonly #out: TextCollector;
  readonly #fonts = new Map<PDFObject, FontDecoder | null>();

  constructor(doc: PDFDocument, out: TextCollector) {
    this.#doc = doc;
    this.#out = out;
  }

  run(data: Uint8Array, resources: PDFDict | undefined, depth: number) {
    const lexer = new Lexer(data);
    const stack: Operand[] = [];
    const nesting: Operand[][] = [];
    let font: FontDecoder | null = null;
    let size = 0;
    // Where the text line starts (the text line matrix's translation), where the last run ended, and whether
    // the text was placed anew since: a new line where it moved to another line, a space where it jumped along one.
    let lineX = 0;
    let lineY = 0;
    let leading = 0;
    let endX = 0;
    let lastY: number | null = null;
    let placed = false;
    const moveTo = (x: number, y: number) => {
      lineX = x;
      lineY = y;
      placed = true;
    };
    const show = (bytes: Uint8Array) => {
      if (!font) return;
      if (placed && lastY !== null) {
        if (Math.abs(lineY - lastY) > 0.5) this.#out.newline();
        else if (Math.abs(lineX - endX) > size * 0.15) this.#out.space();
      }
      if (placed) endX = lineX;
      placed = false;
      lastY = lineY;
      const { text, advance } = decodeString(font, bytes);
      this.#out.add(text);
      endX += (advance / 1000) * size;
    };
    for (let token = lexer.next(); token && !this.#out.full; token = lexer.next()) {
      if ("value" in token) {
        stack.push(token.value);
        continue;
      }
      if ("open" in token) {
        nesting.push([...stack]);
        stack.length = 0;
        continue;
      }
      if ("close" in token) {
        const inner = [...stack];
        stack.length = 0;
        stack.push(...(nesting.pop() ?? []), token.close === "]" ? inner : null);
        continue;
      }
      const args = stack.splice(0, stack.length);
      switch (token.op) {
        case "BT":
          moveTo(0, 0);
          break;
        case "Tf":
          font = this.font(resources, args[0]);
          size = Math.abs(num(args[1]));
          break;
        case "TL":
          leading = num(args[0]);
          break;
        case "Td":
          moveTo(lineX + num(args[0]), lineY + num(args[1]));
          break;
        case "TD":
          leading = -num(args[1]);
          moveTo(lineX + num(args[0]), lineY + num(args[1]));
          break;
        case "Tm":
          moveTo(num(args[4]), num(args[5]));
          break;
        case "T*":
          moveTo(lineX, lineY - leading);
          break;
        case "Tj":
          if (args[0] instanceof Uint8Array) show(args[0]);
          break;
        case "'":
          moveTo(lineX, lineY - leading);
          if (args[0] instanceof Uint8Array) show(args[0]);
          break;
        case '"':
          moveTo(lineX, lineY - leading);
          if (args[2] instanceof Uint8Array) show(args[2]);
          break;
        case "TJ":
          for (const part of Array.isArray(args[0]) ? args[0] : []) {
            if (part instanceof Uint8Array) show(part);
            else if (typeof part === "number") {
              // A gap wider than about a quarter of the font size is a space between words.
              if (part < -250) this.#out.space();
              endX -= (part / 1000) * size;
            }
          }
          break;
        case "ET":
          break;
        case "Do":
          if (depth < maxFormDepth) this.form(resources, args[0], depth);
          break;
        case "ID":
          lexer.skipInlineImage();
          break;
      }
    }
  }

  private resource(resources: PDFDict | undefined, category: string, name: Operand): PDFObject | undefined {
    if (!resources || typeof name !== "string" || !name.startsWith("/")) return undefined;
    const dict = lookup(this.#doc, resources.get(PDFName.of(category)));
    if (!(dict instanceof PDFDict)) return undefined;
    return dict.get(PDFName.of(name.slice(1)));
  }

  private font(resources: PDFDict | undefined, name: Operand): FontDecoder | null {
    const ref = this.resource(resources, "Font", name);
    if (!ref) return null;
    if (!this.#fonts.has(ref)) this.#fonts.set(ref, fontDecoder(this.#doc, lookup(this.#doc, ref)));
    return this.#fonts.get(ref) ?? null;
  }

  private form(resources: PDFDict | undefined, name: Operand, depth: number) {
    const stream = lookup(this.#doc, this.resource(resources, "XObject", name));
    if (!(stream instanceof PDFRawStream)) return;
    if (stream.dict.get(PDFName.of("Subtype")) !== PDFName.of("Form")) return;
    const data = streamBytes(this.#doc, stream);
    if (!data) return;
    const own = lookup(this.#doc, stream.dict.get(PDFName.of("Resources")));
    this.run(data, own instanceof PDFDict ? own : resources, depth + 1);
  }
}

const num = (value: Operand) => (typeof value === "number" ? value : 0);

function decodeString(font: FontDecoder, bytes: Uint8Array): { text: string; advance: number } {
  let text = "";
  let advance = 0;
  const step = font.bytesPerCode;
  for (let i = 0; i + step - 1 < bytes.length; i += step) {
    const code = step === 2 ? (bytes[i] << 8) | bytes[i + 1] : bytes[i];
    text += font.decode(code);
    advance += font.width(code);
  }
  return { text, advance };
}
