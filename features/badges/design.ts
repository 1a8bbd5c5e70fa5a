// What a badge design is, its checks and its defaults: pure, free of Node, shared by the commands, the PDF
// renderer and the staff page's preview (which runs in the browser as the form changes).
import { z } from "zod";
import type { Localized } from "../shared/localized.ts";
import { formInteger } from "../shared/validate.ts";
import { type BadgeSize, badgeSizes, type SheetLayout, sheetLayouts } from "./vocabulary.ts";

/** What the front of a badge may show, each switched on or off by the design. The name is always printed. */
export const frontParts = ["photo", "localName", "position", "affiliation", "country", "logo", "category"] as const;
export type FrontPart = (typeof frontParts)[number];

export const bandPositions = ["top", "bottom"] as const;
export type BandPosition = (typeof bandPositions)[number];

export interface BadgeDesign {
  size: BadgeSize;
  layout: SheetLayout;
  sides: 1 | 2;
  front: Record<FrontPart, boolean>;
  bandPosition: BandPosition;
  /** `#rrggbb`: the ink of the badge's text and its paper, checked for contrast. */
  textColour: string;
  backgroundColour: string;
  /** The back, printed when `sides` is 2: the code again, and a short text per language (an emergency number…). */
  backCode: boolean;
  backText: Localized;
}

/** What a print run uses for a category without a design of its own when the event has no default either. */
export const builtInDesign: BadgeDesign = {
  size: "a6",
  layout: "single",
  sides: 1,
  front: { photo: true, localName: true, position: true, affiliation: true, country: true, logo: false, category: true },
  bandPosition: "top",
  textColour: "#000000",
  backgroundColour: "#ffffff",
  backCode: true,
  backText: {},
};

/** WCAG's contrast for normal text (AA): what a guard reads at arm's length in a queue needs at least this. */
export const minContrast = 4.5;

const hex = /^#[0-9a-fA-F]{6}$/;

/** Red, green and blue in 0…1 of a `#rrggbb` colour (grey for anything else, which the checks refuse earlier). */
export function rgbOf(colour: string): [number, number, number] {
  if (!hex.test(colour.trim())) return [0.3, 0.3, 0.3];
  const v = colour.trim().slice(1);
  return [0, 2, 4].map((i) => Number.parseInt(v.slice(i, i + 2), 16) / 255) as [number, number, number];
}

/** Relative luminance (WCAG 2). */
export function luminance(colour: string): number {
  const lin = (v: number) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  const [r, g, b] = rgbOf(colour);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The contrast ratio of two colours, 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The ink printed on a band of this colour: black or white, whichever reads better. */
export function inkOn(colour: string): string {
  return contrastRatio(colour, "#000000") >= contrastRatio(colour, "#ffffff") ? "#000000" : "#ffffff";
}

const colour = z
  .string()
  .trim()
  .regex(hex, "color.invalid")
  .transform((v) => v.toLowerCase());
const flag = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean());

/**
 * A design as a form or the API sends it. Switches come as checkboxes (`front.photo=on`, absent when off)
 * or booleans; the back's text per language as `backText.<lang>`.
 */
export const designInput = z.object({
  size: z.enum(badgeSizes, "invalid").default(builtInDesign.size),
  layout: z.enum(sheetLayouts, "invalid").default(builtInDesign.layout),
  sides: formInteger().min(1, "invalid").max(2, "invalid").default(1),
  front: z.object(Object.fromEntries(frontParts.map((p) => [p, flag])) as Record<FrontPart, typeof flag>).default(builtInDesign.front),
  bandPosition: z.enum(bandPositions, "invalid").default("top"),
  textColour: colour.default(builtInDesign.textColour),
  backgroundColour: colour.default(builtInDesign.backgroundColour),
  backCode: flag.default(true),
  backText: z.record(z.string().max(20), z.string().trim().max(200, "badge_design.back_text_long")).default({}),
});

/** The design a form's values describe, or null while they do not make one (the preview keeps the last good one). */
export function designFromValues(values: unknown): BadgeDesign | null {
  const parsed = designInput.safeParse(values);
  if (!parsed.success) return null;
  return { ...parsed.data, sides: parsed.data.sides === 2 ? 2 : 1 };
}

/** A design as flat form fields (features/shared/merge.ts), for the comparison a lost edit race shows. */
export function designFields(design: BadgeDesign, languages: readonly string[]) {
  const flat: Record<string, string> = {
    size: design.size,
    layout: design.layout,
    sides: String(design.sides),
    bandPosition: design.bandPosition,
    textColour: design.textColour,
    backgroundColour: design.backgroundColour,
    backCode: design.backCode ? "on" : "",
  };
  for (const p of frontParts) flat[`front.${p}`] = design.front[p] ? "on" : "";
  for (const lang of languages) flat[`backText.${lang}`] = design.backText[lang] ?? "";
  return flat;
}

/** Flat fields back into the input `designInput` reads (a switch left empty is off). */
export function fieldsToDesignInput(flat: Record<string, string>, languages: readonly string[]) {
  return {
    size: flat.size,
    layout: flat.layout,
    sides: flat.sides,
    bandPosition: flat.bandPosition,
    textColour: flat.textColour,
    backgroundColour: flat.backgroundColour,
    backCode: flat.backCode === "on",
    front: Object.fromEntries(frontParts.map((p) => [p, flat[`front.${p}`] === "on"])),
    backText: Object.fromEntries(languages.map((l) => [l, flat[`backText.${l}`] ?? ""])),
  };
}
