// One badge's layout as boxes in millimetres, computed from its design and what it shows: the PDF renderer
// (render-pdf.ts) and the staff page's SVG preview (app/ui/badge-preview.tsx) both draw these boxes, so the
// preview is the print. Pure and free of Node. Origin top left, y downwards.
import { type BadgeDesign, inkOn } from "./design.ts";
import type { BadgeSize } from "./vocabulary.ts";

/** Width × height of a badge, in millimetres, portrait. */
export const badgeDimensions: Record<BadgeSize, [number, number]> = { a6: [105, 148], a7: [74, 105], cr80: [53.98, 85.6] };
export const a4Dimensions: [number, number] = [210, 297];

export type Box =
  | { kind: "rect"; x: number; y: number; w: number; h: number; fill: string | null; stroke?: string; strokeWidth?: number }
  /** `y` is the baseline; a text wider than `maxWidth` is shrunk to fit by the renderer (each measures its own font). */
  | { kind: "text"; x: number; y: number; size: number; maxWidth: number; value: string; colour: string; role: TextRole }
  /** An image fitted inside the box (aspect kept), against its top left corner. */
  | { kind: "image"; x: number; y: number; w: number; h: number; source: "photo" | "logo" }
  | { kind: "qr"; x: number; y: number; side: number };

export type TextRole = "title" | "letter" | "category" | "name" | "localName" | "position" | "affiliation" | "country" | "version" | "noPhoto" | "back";

export interface BadgeLayout {
  width: number;
  height: number;
  boxes: Box[];
}

/** What the layout needs to know of one badge: its words, and whether a photo and a logo will be drawn. */
export interface LayoutFace {
  name: string;
  localName: string | null;
  position: string | null;
  affiliation: string | null;
  country: string | null;
  category: { letter: string; colour: string; name: string };
  hasPhoto: boolean;
  /** What to print where the photo would be: "No photo". */
  noPhoto: string;
  hasLogo: boolean;
  eventTitle: string;
  version: number;
  /** The back's text in the print run's language, lines separated by newlines. */
  backText: string;
}

const round = (v: number) => Math.round(v * 100) / 100;

function frame(design: BadgeDesign) {
  const [w, h] = badgeDimensions[design.size];
  const pad = w * 0.06;
  const bandH = h * 0.09;
  const boxes: Box[] = [{ kind: "rect", x: 0, y: 0, w, h, fill: design.backgroundColour }];
  return { w, h, pad, bandH, boxes };
}

function band(face: LayoutFace, w: number, pad: number, y: number, bandH: number): Box[] {
  const ink = inkOn(face.category.colour);
  return [
    { kind: "rect", x: 0, y, w, h: bandH, fill: face.category.colour },
    { kind: "text", x: pad, y: y + bandH * 0.78, size: bandH * 0.75, maxWidth: bandH, value: face.category.letter, colour: ink, role: "letter" },
    {
      kind: "text",
      x: pad + bandH,
      y: y + bandH * 0.68,
      size: bandH * 0.38,
      maxWidth: w - 2 * pad - bandH,
      value: face.category.name,
      colour: ink,
      role: "category",
    },
  ];
}

/** The front: the event (with its logo), the category's band, photo and code, then the person's lines. */
export function layoutFront(design: BadgeDesign, face: LayoutFace): BadgeLayout {
  const { w, h, pad, bandH, boxes } = frame(design);
  const ink = design.textColour;
  const showBand = design.front.category;
  const bandBottom = showBand && design.bandPosition === "bottom";

  // The header: the logo (if any) then the event's short title beside it.
  const titleSize = h * 0.035;
  let headerBottom: number;
  if (design.front.logo && face.hasLogo) {
    const logoH = h * 0.07;
    const logoW = Math.min(logoH * 2, w * 0.3);
    boxes.push({ kind: "image", x: pad, y: pad, w: logoW, h: logoH, source: "logo" });
    boxes.push({
      kind: "text",
      x: pad + logoW + pad / 2,
      y: pad + logoH / 2 + titleSize * 0.35,
      size: titleSize,
      maxWidth: w - 2.5 * pad - logoW,
      value: face.eventTitle,
      colour: ink,
      role: "title",
    });
    headerBottom = pad + logoH;
  } else {
    boxes.push({ kind: "text", x: pad, y: pad + titleSize, size: titleSize, maxWidth: w - 2 * pad, value: face.eventTitle, colour: ink, role: "title" });
    headerBottom = pad + titleSize * 1.3;
  }

  let y = headerBottom + h * 0.015;
  if (showBand && !bandBottom) {
    boxes.push(...band(face, w, pad, y, bandH));
    y += bandH;
  }

  // Photo (or a clear placeholder) and the code beside it; without a photo the code takes its place.
  const photoW = w * 0.38;
  const photoH = photoW * 1.28;
  const top = y + pad;
  const qrSide = Math.min(w - 3 * pad - photoW, photoH);
  let blockH = qrSide;
  let qrX = pad;
  if (design.front.photo) {
    blockH = photoH;
    qrX = w - pad - qrSide;
    if (face.hasPhoto) boxes.push({ kind: "image", x: pad, y: top, w: photoW, h: photoH, source: "photo" });
    else {
      boxes.push({ kind: "rect", x: pad, y: top, w: photoW, h: photoH, fill: "#f0f0f0", stroke: "#595959", strokeWidth: 0.28 });
      boxes.push({
        kind: "text",
        x: pad + photoW * 0.08,
        y: top + photoH / 2,
        size: photoW * 0.1,
        maxWidth: photoW * 0.84,
        value: face.noPhoto,
        colour: "#000000",
        role: "noPhoto",
      });
    }
  }
  boxes.push({ kind: "qr", x: qrX, y: top, side: qrSide });
  boxes.push({ kind: "text", x: qrX, y: top + qrSide + h * 0.03, size: h * 0.022, maxWidth: qrSide, value: `v${face.version}`, colour: ink, role: "version" });

  // Names (Latin, then the person's own script), title, delegation or organisation, country: as many as fit.
  const limit = bandBottom ? h - bandH - pad / 2 : h - pad;
  const lines: [TextRole, string | null, number][] = [
    ["name", face.name, h * 0.055],
    ["localName", design.front.localName ? face.localName : null, h * 0.045],
    ["position", design.front.position ? face.position : null, h * 0.03],
    ["affiliation", design.front.affiliation ? face.affiliation : null, h * 0.033],
    ["country", design.front.country ? face.country : null, h * 0.03],
  ];
  let line = top + blockH + pad;
  for (const [role, value, size] of lines) {
    if (!value) continue;
    if (line + size > limit) break;
    line += size;
    boxes.push({ kind: "text", x: pad, y: line, size, maxWidth: w - 2 * pad, value, colour: ink, role });
    line += size * 0.35;
  }
  if (bandBottom) boxes.push(...band(face, w, pad, h - bandH, bandH));
  return rounded({ width: w, height: h, boxes });
}

/** The back of a double-sided badge: the band, the name, the code again (if asked) and the organiser's text. */
export function layoutBack(design: BadgeDesign, face: LayoutFace): BadgeLayout {
  const { w, h, pad, bandH, boxes } = frame(design);
  const ink = design.textColour;
  const bandBottom = design.bandPosition === "bottom";
  let y = pad;
  if (design.front.category && !bandBottom) {
    boxes.push(...band(face, w, pad, 0, bandH));
    y = bandH + pad;
  }
  const nameSize = h * 0.045;
  boxes.push({ kind: "text", x: pad, y: y + nameSize, size: nameSize, maxWidth: w - 2 * pad, value: face.name, colour: ink, role: "name" });
  y += nameSize * 1.6;
  if (design.backCode) {
    const side = Math.min(w - 2 * pad, h * 0.45);
    boxes.push({ kind: "qr", x: (w - side) / 2, y, side });
    y += side + pad / 2;
  }
  const limit = design.front.category && bandBottom ? h - bandH - pad / 2 : h - pad;
  const size = h * 0.03;
  for (const value of face.backText.split("\n").map((l) => l.trim())) {
    if (!value) continue;
    if (y + size > limit) break;
    y += size;
    boxes.push({ kind: "text", x: pad, y, size, maxWidth: w - 2 * pad, value, colour: ink, role: "back" });
    y += size * 0.4;
  }
  if (design.front.category && bandBottom) boxes.push(...band(face, w, pad, h - bandH, bandH));
  return rounded({ width: w, height: h, boxes });
}

function rounded(layout: BadgeLayout): BadgeLayout {
  const r = (box: Box): Box => {
    const out = { ...box } as Record<string, unknown>;
    for (const k of ["x", "y", "w", "h", "size", "maxWidth", "side", "strokeWidth"]) if (typeof out[k] === "number") out[k] = round(out[k] as number);
    return out as Box;
  };
  return { width: layout.width, height: layout.height, boxes: layout.boxes.map(r) };
}

/** Badges per sheet: one on its own page, else as many as fit on A4 portrait. */
export function sheetGrid(design: Pick<BadgeDesign, "size" | "layout">): [number, number] {
  if (design.layout === "single") return [1, 1];
  const [w, h] = badgeDimensions[design.size];
  return [Math.floor(a4Dimensions[0] / w), Math.floor(a4Dimensions[1] / h)];
}
