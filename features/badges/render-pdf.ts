import fontkit from "@pdf-lib/fontkit";
import { fill, PDFDocument, type PDFPage, popGraphicsState, pushGraphicsState, rectangle, rgb, setFillingColor } from "pdf-lib";
import { PdfText } from "../shared/pdf-text.ts";
import { type BadgeDesign, rgbOf } from "./design.ts";
import { a4Dimensions, type BadgeLayout, type LayoutFace, layoutBack, layoutFront, sheetGrid } from "./layout.ts";
import { type EmbeddedPhoto, embedPhoto } from "./pdf-photo.ts";
import { qrRuns } from "./qr.ts";

export { badgeDimensions } from "./layout.ts";

/** What one badge shows. Everything is already in the words to print (names of places in the event's language). */
export interface BadgeFace extends Omit<LayoutFace, "hasPhoto" | "hasLogo"> {
  photo: { bytes: Uint8Array; type: "image/jpeg" | "image/png" } | null;
  code: string;
}

export type PrintableImage = { bytes: Uint8Array; type: "image/jpeg" | "image/png" };

const mm = (v: number) => (v * 72) / 25.4;
const colourOf = (hex: string) => rgb(...rgbOf(hex));

/** How many badges one sheet of this design holds. */
export function perSheet(design: Pick<BadgeDesign, "size" | "layout">): number {
  const [cols, rows] = sheetGrid(design);
  return cols * rows;
}

/**
 * Prints badges into one PDF, each drawn from its layout (layout.ts), the same boxes the staff page's
 * preview draws. Fonts are embedded as subsets of what was printed; the code is drawn as vector squares
 * (error correction M), so it stays sharp at any printer's resolution. Sheets of different designs (sizes)
 * may follow one another in one document.
 */
export class BadgePdf {
  private doc!: PDFDocument;
  private writer!: PdfText;
  private logo: EmbeddedPhoto | null = null;

  static async create(options: { title: string; logo?: PrintableImage | null }): Promise<BadgePdf> {
    const pdf = new BadgePdf();
    pdf.doc = await PDFDocument.create();
    pdf.doc.registerFontkit(fontkit);
    pdf.writer = new PdfText(pdf.doc);
    pdf.doc.setTitle(options.title);
    pdf.doc.setCreator("Plenary");
    pdf.doc.setProducer("Plenary");
    if (options.logo) pdf.logo = await embedPhoto(pdf.doc, options.logo);
    return pdf;
  }

  /** Adds the badges of one sheet of this design (at most `perSheet(design)`), and its back when printed on both sides. */
  async addSheet(design: BadgeDesign, faces: readonly BadgeFace[]): Promise<void> {
    const [cols] = sheetGrid(design);
    const single = design.layout === "single";
    const rows = Math.ceil(faces.length / cols);
    const photos = await Promise.all(faces.map((f) => (f.photo && design.front.photo ? embedPhoto(this.doc, f.photo) : null)));
    const fronts = faces.map((f, i) => ({ face: f, photo: photos[i], layout: layoutFront(design, this.layoutFace(f, !!photos[i])) }));
    const [w, h] = [fronts[0]?.layout.width ?? 0, fronts[0]?.layout.height ?? 0];
    const [gridCols, gridRows] = sheetGrid(design);
    const pageSize: [number, number] = single ? [mm(w), mm(h)] : [mm(a4Dimensions[0]), mm(a4Dimensions[1])];
    const offsetX = single ? 0 : (a4Dimensions[0] - gridCols * w) / 2;
    const offsetY = single ? 0 : (a4Dimensions[1] - gridRows * h) / 2;
    for (let side = 0; side < design.sides; side++) {
      const page = this.doc.addPage(pageSize);
      for (const [i, front] of fronts.entries()) {
        const col = i % cols;
        const row = Math.floor(i / cols);
        if (row >= rows) break;
        // The back of a sheet printed on both sides (long edge) mirrors the columns, so each back lands behind its front.
        const x = offsetX + (side === 0 ? col : cols - 1 - col) * w;
        const y = single ? 0 : a4Dimensions[1] - offsetY - (row + 1) * h;
        const layout = side === 0 ? front.layout : layoutBack(design, this.layoutFace(front.face, false));
        if (!single) page.drawRectangle({ x: mm(x), y: mm(y), width: mm(w), height: mm(h), borderColor: rgb(0.8, 0.8, 0.8), borderWidth: 0.3 });
        await this.draw(page, layout, front.face, front.photo, mm(x), mm(y));
      }
    }
  }

  async save(): Promise<Uint8Array> {
    return this.doc.save({ useObjectStreams: true });
  }

  private layoutFace(face: BadgeFace, hasPhoto: boolean): LayoutFace {
    const { photo: _photo, code: _code, ...rest } = face;
    return { ...rest, hasPhoto, hasLogo: !!this.logo };
  }

  /** Draws one badge's boxes with its bottom left corner at (x, y) points. */
  private async draw(page: PDFPage, layout: BadgeLayout, face: BadgeFace, photo: EmbeddedPhoto | null, x: number, y: number) {
    const X = (v: number) => x + mm(v);
    const Y = (v: number) => y + mm(layout.height - v);
    for (const box of layout.boxes) {
      switch (box.kind) {
        case "rect":
          page.drawRectangle({
            x: X(box.x),
            y: Y(box.y + box.h),
            width: mm(box.w),
            height: mm(box.h),
            ...(box.fill ? { color: colourOf(box.fill) } : {}),
            ...(box.stroke ? { borderColor: colourOf(box.stroke), borderWidth: mm(box.strokeWidth ?? 0.2) } : {}),
          });
          break;
        case "text":
          await this.writer.drawFitted(page, box.value, {
            x: X(box.x),
            y: Y(box.y),
            size: mm(box.size),
            maxWidth: mm(box.maxWidth),
            color: colourOf(box.colour),
          });
          break;
        case "image": {
          const image = box.source === "logo" ? this.logo : photo;
          if (!image) break;
          const scale = Math.min(mm(box.w) / image.width, mm(box.h) / image.height);
          image.draw(page, { x: X(box.x), y: Y(box.y) - image.height * scale, width: image.width * scale, height: image.height * scale });
          break;
        }
        case "qr":
          this.qr(page, face.code, X(box.x), Y(box.y + box.side), mm(box.side));
          break;
      }
    }
  }

  private qr(page: PDFPage, code: string, x: number, y: number, side: number) {
    const { span, runs } = qrRuns(code);
    const cell = side / span;
    page.drawRectangle({ x, y, width: side, height: side, color: rgb(1, 1, 1) });
    const ops = [pushGraphicsState(), setFillingColor(rgb(0, 0, 0))];
    const round = (v: number) => Math.round(v * 1000) / 1000;
    for (const [r, c, n] of runs) ops.push(rectangle(round(x + c * cell), round(y + side - (r + 1) * cell), round(n * cell), round(cell)));
    ops.push(fill(), popGraphicsState());
    page.pushOperators(...ops);
  }
}
