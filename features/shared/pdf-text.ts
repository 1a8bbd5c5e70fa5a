// Text in any of our scripts on a pdf-lib page: each character set in the Noto piece that covers it
// (features/shared/pdf-fonts.ts), Arabic shaped by fontkit and drawn glyph by glyph. One per PDF document:
// it embeds each piece once and remembers widths. Badges and the negotiation room's exports print with it.
import {
  beginText,
  endText,
  moveText,
  type PDFDocument,
  type PDFFont,
  PDFHexString,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  type RGB,
  rgb,
  setFillingColor,
  setFontAndSize,
  showText,
} from "pdf-lib";
import { type FontPiece, pieceFor, sfntBytes, sharedFontkit } from "./pdf-fonts.ts";

interface Run {
  font: PDFFont;
  text: string;
}

export class PdfText {
  private readonly doc: PDFDocument;
  private fonts = new Map<string, PDFFont>();
  /** Fonts whose glyphs are placed one by one, with the offsets of their marks (Arabic's dots and vowels). */
  private shaped = new Set<PDFFont>();

  /** Registers the process's shared fontkit on the document (`sharedFontkit`): fonts are parsed once, not per document. */
  constructor(doc: PDFDocument) {
    this.doc = doc;
    doc.registerFontkit(sharedFontkit);
  }

  /** The runs of a text, one per font piece, in the order they are drawn (right-to-left phrases reversed). */
  async runs(value: string): Promise<Run[]> {
    const runs: Run[] = [];
    for (const ch of value.normalize("NFC")) {
      // Spaces and punctuation stay in the run they are in, so a right-to-left phrase is laid out whole.
      const last = runs.at(-1);
      if (last && /[\p{Zs}\p{P}]/u.test(ch) && this.charset(last.font).has(ch.codePointAt(0)!)) {
        last.text += ch;
        continue;
      }
      const piece = pieceFor(ch.codePointAt(0)!);
      if (!piece) continue;
      const font = await this.font(piece);
      if (last && last.font === font) last.text += ch;
      else runs.push({ font, text: ch });
    }
    // Right-to-left text (Arabic) is laid out by fontkit in visual order within a run; runs go right to left too.
    if (runs.some((r) => /\p{Script=Arabic}/u.test(r.text)) && !runs.some((r) => /\p{Script=Latin}/u.test(r.text))) runs.reverse();
    return runs;
  }

  /** The width of a text at a size, in points. */
  async width(value: string, size: number): Promise<number> {
    return this.runsWidth(await this.runs(value), size);
  }

  private runsWidth(runs: readonly Run[], size: number): number {
    return runs.reduce((sum, r) => sum + this.unitWidth(r.font, r.text) * size, 0);
  }

  /** Draws a text from (x, y) on its baseline; returns its width. */
  async draw(page: PDFPage, value: string, o: { x: number; y: number; size: number; color?: RGB }): Promise<number> {
    return this.drawRuns(page, await this.runs(value), o);
  }

  private drawRuns(page: PDFPage, runs: readonly Run[], o: { x: number; y: number; size: number; color?: RGB }): number {
    let x = o.x;
    for (const run of runs) {
      const color = o.color ?? rgb(0, 0, 0);
      if (this.shaped.has(run.font)) drawShaped(page, run.font, run.text, x, o.y, o.size, color);
      else page.drawText(run.text, { x, y: o.y, size: o.size, font: run.font, color });
      x += this.unitWidth(run.font, run.text) * o.size;
    }
    return x - o.x;
  }

  /** Draws a text, shrunk to fit `maxWidth` if it is wider. */
  async drawFitted(page: PDFPage, value: string, o: { x: number; y: number; size: number; maxWidth: number; color?: RGB }): Promise<void> {
    const runs = await this.runs(value);
    const width = this.runsWidth(runs, o.size);
    this.drawRuns(page, runs, { ...o, size: width > o.maxWidth ? (o.size * o.maxWidth) / width : o.size });
  }

  private widths = new Map<PDFFont, Map<string, number>>();
  /** Width at size 1, remembered: titles and labels recur on every page, and each layout costs. */
  private unitWidth(font: PDFFont, text: string): number {
    let byText = this.widths.get(font);
    if (!byText) this.widths.set(font, (byText = new Map()));
    let width = byText.get(text);
    if (width === undefined) {
      width = this.shaped.has(font) ? shapedWidth(font, text, 1) : font.widthOfTextAtSize(text, 1);
      if (byText.size > 5000) byText.clear();
      byText.set(text, width);
    }
    return width;
  }

  private charsets = new Map<PDFFont, Set<number>>();
  /** The code points a font has glyphs for, read once per font (pdf-lib builds a fresh array on every call). */
  private charset(font: PDFFont): Set<number> {
    let set = this.charsets.get(font);
    if (!set) {
      set = new Set(font.getCharacterSet());
      this.charsets.set(font, set);
    }
    return set;
  }

  private async font(piece: FontPiece): Promise<PDFFont> {
    let font = this.fonts.get(piece.file);
    if (!font) {
      // Arabic is embedded whole (see woffToSfnt); the rest as subsets of the glyphs printed. Both from the
      // plain OpenType form: fontkit inflates a WOFF table each time a subset reads it.
      font = await this.doc.embedFont(sfntBytes(piece), { subset: !piece.whole });
      if (piece.whole) this.shaped.add(font);
      this.fonts.set(piece.file, font);
    }
    return font;
  }
}

/** fontkit's view of an embedded font: pdf-lib keeps it on its embedder, which it does not type. */
interface Shaper {
  unitsPerEm: number;
  layout(text: string): { glyphs: { id: number }[]; positions: { xAdvance: number; xOffset: number; yOffset: number }[] };
}
const shaperOf = (font: PDFFont) => (font as unknown as { embedder: { font: Shaper } }).embedder.font;

function shapedWidth(font: PDFFont, text: string, size: number): number {
  const shaper = shaperOf(font);
  return (shaper.layout(text).positions.reduce((sum, p) => sum + p.xAdvance, 0) * size) / shaper.unitsPerEm;
}

/**
 * Draws text glyph by glyph where fontkit put each one (its layout shapes joined forms and places marks
 * with GPOS, in visual order): pdf-lib's drawText advances by widths alone and drops the marks' offsets.
 */
function drawShaped(page: PDFPage, font: PDFFont, text: string, x: number, y: number, size: number, color: RGB) {
  const shaper = shaperOf(font);
  const scale = size / shaper.unitsPerEm;
  const { glyphs, positions } = shaper.layout(text);
  const name = page.node.newFontDictionary(font.name, font.ref);
  const ops = [pushGraphicsState(), setFillingColor(color), beginText(), setFontAndSize(name, size)];
  let penX = 0;
  let lastX = 0;
  let lastY = 0;
  glyphs.forEach((glyph, i) => {
    const p = positions[i];
    const gx = x + penX + p.xOffset * scale;
    const gy = y + p.yOffset * scale;
    ops.push(moveText(gx - lastX, gy - lastY), showText(PDFHexString.of(glyph.id.toString(16).padStart(4, "0"))));
    lastX = gx;
    lastY = gy;
    penX += p.xAdvance * scale;
  });
  ops.push(endText(), popGraphicsState());
  page.pushOperators(...ops);
}
