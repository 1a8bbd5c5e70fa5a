import fontkit from "@pdf-lib/fontkit";
import { fill, PDFDocument, type PDFPage, popGraphicsState, pushGraphicsState, rectangle, rgb, setFillingColor } from "pdf-lib";
import QRCode from "qrcode";
import { PdfText } from "../shared/pdf-text.ts";
import { embedPhoto } from "./pdf-photo.ts";
import type { BadgeSize, SheetLayout } from "./vocabulary.ts";

/** What one badge shows. Everything is already in the words to print (names of places in the event's language). */
export interface BadgeFace {
  name: string;
  localName: string | null;
  position: string | null;
  /** Delegation or organisation. */
  affiliation: string | null;
  country: string | null;
  category: { letter: string; colour: string; name: string };
  photo: { bytes: Uint8Array; type: "image/jpeg" | "image/png" } | null;
  /** What to print where the photo would be: "No photo". */
  noPhoto: string;
  eventTitle: string;
  code: string;
  version: number;
}

const mm = (v: number) => (v * 72) / 25.4;
/** Width × height of a badge, in millimetres, portrait. */
export const badgeDimensions: Record<BadgeSize, [number, number]> = { a6: [105, 148], a7: [74, 105], cr80: [53.98, 85.6] };
const a4: [number, number] = [210, 297];

/**
 * Prints badges into one PDF. Fonts are embedded as subsets of what was printed; the code is drawn as
 * vector squares (error correction M), so it stays sharp at any printer's resolution.
 */
export class BadgePdf {
  private doc!: PDFDocument;
  private writer!: PdfText;
  private readonly size: BadgeSize;
  private readonly layout: SheetLayout;
  private readonly sides: 1 | 2;

  constructor(options: { size: BadgeSize; layout: SheetLayout; sides: 1 | 2 }) {
    this.size = options.size;
    this.layout = options.layout;
    this.sides = options.sides;
  }

  static async create(options: { size: BadgeSize; layout: SheetLayout; sides: 1 | 2; title: string }): Promise<BadgePdf> {
    const pdf = new BadgePdf(options);
    pdf.doc = await PDFDocument.create();
    pdf.doc.registerFontkit(fontkit);
    pdf.writer = new PdfText(pdf.doc);
    pdf.doc.setTitle(options.title);
    pdf.doc.setCreator("Plenary");
    pdf.doc.setProducer("Plenary");
    return pdf;
  }

  /** How many badges one sheet holds in this layout. */
  get perSheet(): number {
    const [cols, rows] = this.grid();
    return cols * rows;
  }

  private grid(): [number, number] {
    if (this.layout === "single") return [1, 1];
    const [w, h] = badgeDimensions[this.size];
    return [Math.floor(a4[0] / w), Math.floor(a4[1] / h)];
  }

  /** Adds the badges of one sheet (at most `perSheet`), and its back when printing both sides. */
  async addSheet(faces: readonly BadgeFace[]): Promise<void> {
    const [cols, rows] = this.grid();
    const [w, h] = badgeDimensions[this.size];
    const pageSize: [number, number] = this.layout === "single" ? [mm(w), mm(h)] : [mm(a4[0]), mm(a4[1])];
    const offsetX = this.layout === "single" ? 0 : (a4[0] - cols * w) / 2;
    const offsetY = this.layout === "single" ? 0 : (a4[1] - rows * h) / 2;
    for (let side = 0; side < this.sides; side++) {
      const page = this.doc.addPage(pageSize);
      for (const [i, face] of faces.entries()) {
        const col = i % cols;
        const row = Math.floor(i / cols);
        // The back of a sheet printed on both sides (long edge) mirrors the columns, so each back lands behind its front.
        const x = offsetX + (side === 0 ? col : cols - 1 - col) * w;
        const y = a4[1] - offsetY - (row + 1) * h;
        await this.drawBadge(page, face, mm(x), this.layout === "single" ? 0 : mm(y), mm(w), mm(h));
      }
    }
  }

  async save(): Promise<Uint8Array> {
    return this.doc.save({ useObjectStreams: true });
  }

  private async drawBadge(page: PDFPage, face: BadgeFace, x: number, y: number, w: number, h: number) {
    const pad = w * 0.06;
    const top = y + h;
    if (this.layout !== "single") page.drawRectangle({ x, y, width: w, height: h, borderColor: rgb(0.8, 0.8, 0.8), borderWidth: 0.3 });
    // The event, then the category's band with its letter.
    await this.text(page, face.eventTitle, { x: x + pad, y: top - pad - h * 0.035, size: h * 0.035, maxWidth: w - 2 * pad });
    const bandH = h * 0.09;
    const bandY = top - pad - h * 0.05 - bandH;
    const colour = hexColour(face.category.colour);
    page.drawRectangle({ x, y: bandY, width: w, height: bandH, color: rgb(colour.r, colour.g, colour.b) });
    const ink = colour.light ? rgb(0, 0, 0) : rgb(1, 1, 1);
    await this.text(page, face.category.letter, { x: x + pad, y: bandY + bandH * 0.22, size: bandH * 0.75, maxWidth: bandH, color: ink });
    await this.text(page, face.category.name, { x: x + pad + bandH, y: bandY + bandH * 0.32, size: bandH * 0.38, maxWidth: w - 2 * pad - bandH, color: ink });

    // The photo (or a clear placeholder), and the code beside it.
    const photoW = w * 0.38;
    const photoH = photoW * 1.28;
    const photoY = bandY - pad - photoH;
    const image = face.photo ? await embedPhoto(this.doc, face.photo) : null;
    if (image) {
      const scale = Math.min(photoW / image.width, photoH / image.height);
      image.draw(page, { x: x + pad, y: photoY + (photoH - image.height * scale), width: image.width * scale, height: image.height * scale });
    } else {
      page.drawRectangle({
        x: x + pad,
        y: photoY,
        width: photoW,
        height: photoH,
        borderColor: rgb(0.35, 0.35, 0.35),
        borderWidth: 0.8,
        color: rgb(0.94, 0.94, 0.94),
      });
      await this.text(page, face.noPhoto, { x: x + pad + photoW * 0.08, y: photoY + photoH / 2, size: photoW * 0.1, maxWidth: photoW * 0.84 });
    }
    const qrSide = Math.min(w - 3 * pad - photoW, photoH);
    this.qr(page, face.code, x + w - pad - qrSide, photoY + (photoH - qrSide), qrSide);
    await this.text(page, `v${face.version}`, { x: x + w - pad - qrSide, y: photoY + (photoH - qrSide) - h * 0.03, size: h * 0.022, maxWidth: qrSide });

    // Names (Latin, then the person's own script), title, delegation or organisation, country.
    let line = photoY - pad - h * 0.055;
    const lines: [string | null, number][] = [
      [face.name, h * 0.055],
      [face.localName, h * 0.045],
      [face.position, h * 0.03],
      [face.affiliation, h * 0.033],
      [face.country, h * 0.03],
    ];
    for (const [value, size] of lines) {
      if (!value) continue;
      if (line < y + pad) break;
      await this.text(page, value, { x: x + pad, y: line, size, maxWidth: w - 2 * pad });
      line -= size * 1.35;
    }
  }

  /** Draws text in the font pieces covering its characters, shrunk to fit `maxWidth`. */
  private async text(page: PDFPage, value: string, o: { x: number; y: number; size: number; maxWidth: number; color?: ReturnType<typeof rgb> }) {
    await this.writer.drawFitted(page, value, o);
  }

  private qr(page: PDFPage, code: string, x: number, y: number, side: number) {
    // The code is base45, all of QR's alphanumeric set: one segment, no search for the best split.
    const { modules } = QRCode.create([{ data: code, mode: "alphanumeric" }], { errorCorrectionLevel: "M" });
    const quiet = 4;
    const n = modules.size + 2 * quiet;
    const cell = side / n;
    page.drawRectangle({ x, y, width: side, height: side, color: rgb(1, 1, 1) });
    // One rectangle per run of dark modules in a row, all filled at once: a few hundred operators, not thousands.
    const ops = [pushGraphicsState(), setFillingColor(rgb(0, 0, 0))];
    const round = (v: number) => Math.round(v * 1000) / 1000;
    for (let r = 0; r < modules.size; r++) {
      let c = 0;
      while (c < modules.size) {
        if (!modules.get(r, c)) {
          c++;
          continue;
        }
        const start = c;
        while (c < modules.size && modules.get(r, c)) c++;
        ops.push(rectangle(round(x + (quiet + start) * cell), round(y + side - (quiet + r + 1) * cell), round((c - start) * cell), round(cell)));
      }
    }
    ops.push(fill(), popGraphicsState());
    page.pushOperators(...ops);
  }
}

function hexColour(hex: string): { r: number; g: number; b: number; light: boolean } {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  const [r, g, b] = m ? [m[1], m[2], m[3]].map((v) => Number.parseInt(v, 16) / 255) : [0.3, 0.3, 0.3];
  // Relative luminance (WCAG): black ink on light bands, white on dark ones.
  const lin = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return { r, g, b, light: luminance > 0.179 };
}
