// A plain A4 document as a PDF, for the library's tests: the symbol block at the top right, a title,
// headings and paragraphs, in the fonts badges use (Noto Sans, features/shared/pdf-fonts.ts), embedded as
// subsets with their ToUnicode maps, as LibreOffice and Word write them. Latin and Cyrillic text only.
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import type { TextDocument } from "../features/documents/text-docx.ts";
import { type FontPiece, fontBytes, pieceFor } from "../features/shared/pdf-fonts.ts";

const pageSize: [number, number] = [595.28, 841.89];
const margin = 64;
const bodySize = 11;

export async function textPdf(document: TextDocument): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  doc.setTitle(`${document.symbol} — ${document.title}`);
  doc.setLanguage(document.language);
  doc.setCreator("Plenary");
  doc.setProducer("Plenary");
  const writer = new Writer(doc);
  await writer.block(document.symbol, { size: 12, align: "right" });
  for (const mark of document.marks) await writer.block(mark, { size: 9, align: "right" });
  writer.gap(28);
  await writer.block(document.title, { size: 15 });
  writer.gap(10);
  for (const block of document.blocks) {
    if (block.startsWith("## ")) {
      writer.gap(8);
      await writer.block(block.slice(3), { size: 12.5 });
    } else await writer.block(block, { size: bodySize });
    writer.gap(6);
  }
  return doc.save({ useObjectStreams: true });
}

interface Run {
  text: string;
  font: PDFFont;
}

class Writer {
  readonly #doc: PDFDocument;
  readonly #fonts = new Map<string, PDFFont>();
  #page: PDFPage;
  #y: number;

  constructor(doc: PDFDocument) {
    this.#doc = doc;
    this.#page = doc.addPage(pageSize);
    this.#y = pageSize[1] - margin;
  }

  gap(points: number) {
    this.#y -= points;
  }

  /** One paragraph, wrapped at the margins, on as many pages as it takes. */
  async block(text: string, options: { size: number; align?: "left" | "right" }) {
    const width = pageSize[0] - 2 * margin;
    const words = text.split(/\s+/).filter(Boolean);
    const space = await this.runs(" ");
    const spaceWidth = this.width(space, options.size);
    let line: Run[][] = [];
    let lineWidth = 0;
    const flush = () => {
      if (line.length === 0) return;
      const lineHeight = options.size * 1.4;
      if (this.#y - lineHeight < margin) {
        this.#page = this.#doc.addPage(pageSize);
        this.#y = pageSize[1] - margin;
      }
      this.#y -= lineHeight;
      let x = options.align === "right" ? pageSize[0] - margin - lineWidth : margin;
      line.forEach((word, i) => {
        if (i > 0) x += spaceWidth;
        for (const run of word) {
          this.#page.drawText(run.text, { x, y: this.#y, size: options.size, font: run.font, color: rgb(0, 0, 0) });
          x += run.font.widthOfTextAtSize(run.text, options.size);
        }
      });
      line = [];
      lineWidth = 0;
    };
    for (const word of words) {
      const runs = await this.runs(word);
      const w = this.width(runs, options.size);
      if (line.length > 0 && lineWidth + spaceWidth + w > width) flush();
      lineWidth += (line.length > 0 ? spaceWidth : 0) + w;
      line.push(runs);
    }
    flush();
  }

  private width(runs: Run[], size: number): number {
    return runs.reduce((sum, r) => sum + r.font.widthOfTextAtSize(r.text, size), 0);
  }

  /** A word cut where it moves from one font piece to another (Latin punctuation inside Cyrillic text). */
  private async runs(word: string): Promise<Run[]> {
    const runs: Run[] = [];
    let current: { piece: FontPiece; text: string } | null = null;
    for (const ch of word) {
      const piece = pieceFor(ch.codePointAt(0)!);
      if (!piece) continue;
      if (current && current.piece === piece) current.text += ch;
      else {
        if (current) runs.push({ text: current.text, font: await this.font(current.piece) });
        current = { piece, text: ch };
      }
    }
    if (current) runs.push({ text: current.text, font: await this.font(current.piece) });
    return runs;
  }

  private async font(piece: FontPiece): Promise<PDFFont> {
    let font = this.#fonts.get(piece.file);
    if (!font) {
      font = await this.#doc.embedFont(fontBytes(piece), { subset: true });
      this.#fonts.set(piece.file, font);
    }
    return font;
  }
}
