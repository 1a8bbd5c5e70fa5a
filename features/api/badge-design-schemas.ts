// What the badge designs' API answers, one zod schema each: the presenter is typed by them, and the OpenAPI
// document is generated from them (openapi-badge-designs.ts). What it takes is the forms' own schema
// (features/badges/design.ts `designInput`).
import { z } from "zod";
import { bandPositions, type FrontPart, frontParts } from "../badges/design.ts";
import { badgeSizes, sheetLayouts } from "../badges/vocabulary.ts";
import { integer } from "../shared/validate.ts";

export const badgeDesignOutput = z.object({
  id: integer(),
  categoryId: integer().nullable().describe("The category it is for; null for the event's default (categories without a design of their own)."),
  size: z.enum(badgeSizes),
  layout: z.enum(sheetLayouts).describe("`single`: one badge per page (a card printer); `a4`: several on an A4 sheet to cut."),
  sides: integer().min(1).max(2),
  front: z
    .object(Object.fromEntries(frontParts.map((p) => [p, z.boolean()])) as Record<FrontPart, z.ZodBoolean>)
    .describe("What the front shows besides the name, the code and the event, which it always shows."),
  bandPosition: z.enum(bandPositions),
  textColour: z.string().describe("`#rrggbb`."),
  backgroundColour: z.string().describe("`#rrggbb`; at least 4.5:1 against the text colour."),
  backCode: z.boolean().describe("Whether the back (when `sides` is 2) repeats the code."),
  backText: z.record(z.string(), z.string()).describe("The back's short text per event language."),
  version: integer(),
  updatedAt: z.string().describe("When it was last saved, in the event's time zone (ISO 8601 with offset)."),
  previewUrl: z.string().describe("One badge of this design as a PDF, drawn as a print run would."),
});

export const badgeDesignAnswer = z.object({ design: badgeDesignOutput });

export const badgeDesignList = z.object({
  designs: z.array(badgeDesignOutput).describe("The event's default first, then one per category."),
  categories: z
    .array(z.object({ categoryId: integer(), designId: integer().nullable() }))
    .describe("Which design each category printed in person draws with now: its own, the default, or null for the built-in one (A6, one side)."),
});

export type BadgeDesignOutput = z.infer<typeof badgeDesignOutput>;
