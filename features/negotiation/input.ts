// The shapes commands accept, one zod schema each, shared by the API (and the pages to come). Messages are error codes.
import { z } from "zod";
import { languageCode, localizedSchema } from "../shared/localized.ts";
import { integer } from "../shared/validate.ts";
import { adoptionMethods, amendmentKinds, paragraphKinds, statementKinds } from "./vocabulary.ts";

const id = integer().positive();
const offset = integer().min(0).max(200_000);
const version = integer().min(1);
const paragraphText = z.record(languageCode, z.string().trim().max(20_000, "too_long"));

export const documentInput = z.object({
  symbol: z
    .string()
    .trim()
    .min(1, "required")
    .max(60, "too_long")
    .regex(/^[A-Za-z0-9][A-Za-z0-9./()\- ]*$/, "negotiation.symbol_format"),
  title: localizedSchema,
  negotiatingLanguage: languageCode,
  paragraphs: z
    .array(z.object({ kind: z.enum(paragraphKinds), text: paragraphText }))
    .max(2_000)
    .default([]),
});

export const addParagraphInput = z.object({
  kind: z.enum(paragraphKinds),
  text: paragraphText,
  /** Null or absent: first. */
  afterParagraphId: id.nullable().optional(),
  version,
});

export const updateParagraphInput = z.object({
  kind: z.enum(paragraphKinds).optional(),
  text: paragraphText.optional(),
  version,
});

export const moveParagraphInput = z.object({ afterParagraphId: id.nullable(), version });

export const splitParagraphInput = z.object({
  /** What stays in the paragraph, and what the new part says, per language. */
  keep: paragraphText,
  split: paragraphText,
  version,
});

export const mergeParagraphsInput = z.object({ fromParagraphId: id, text: paragraphText, version });

export const bracketInput = z.object({
  start: offset,
  end: offset,
  alternatives: z
    .array(z.object({ text: z.string().max(20_000, "too_long"), heldBy: z.array(id).max(300).default([]) }))
    .min(1, "required")
    .max(10, "too_long"),
  version,
});

export const markParagraphInput = z.object({ status: z.enum(["agreed_ad_ref", "agreed", "deleted"]), version });

export const issueRevisionInput = z.object({
  version,
  /** Languages whose text was aligned with another revision than this one ("ru": 1). */
  aligned: z.record(languageCode, integer().min(0)).default({}),
});

export const amendmentInput = z.object({
  /** The revision the delegate read: the latest issued one, or the answer is 409. */
  revision: integer().min(0),
  paragraphId: id,
  kind: z.enum(amendmentKinds),
  language: languageCode.optional(),
  start: offset.default(0),
  end: offset.default(0),
  /** The words the span held, as the delegate saw them. */
  text: z.string().max(20_000, "too_long").default(""),
  proposedText: z.string().trim().max(20_000, "too_long").default(""),
  afterParagraphId: id.nullable().optional(),
  newParagraphKind: z.enum(paragraphKinds).optional(),
  /** An amendment to that amendment: the span is in its proposed text. */
  parentId: id.optional(),
  cosponsors: z.array(id).max(200).default([]),
  /** Only when the secretariat enters a delegation's written amendment. */
  delegationId: id.optional(),
});

export const decideAmendmentInput = z.object({ state: z.enum(["under_consideration", "not_incorporated"]), version });

export const foldInput = z.object({ amendmentIds: z.array(id).min(1, "required").max(500), version });

export const silenceInput = z.object({
  /** Wall-clock deadline in the event's time zone, to the second: `2030-05-15T18:00:00`. */
  until: z.string().trim().min(1, "required"),
  body: localizedSchema.default({}),
  version,
});

export const objectionInput = z.object({ note: z.string().trim().max(5_000, "too_long").default(""), delegationId: id.optional() });

export const adoptInput = z.object({
  how: z.enum(adoptionMethods),
  body: localizedSchema,
  votes: z.object({ yes: integer().min(0), no: integer().min(0), abstain: integer().min(0) }).optional(),
  version,
});

export const statementInput = z.object({
  kind: z.enum(statementKinds),
  originalLanguage: languageCode,
  text: z.record(languageCode, z.string().trim().min(1, "required").max(50_000, "too_long")),
  paragraphId: id.optional(),
  delegationId: id.optional(),
});

export const openDraftInput = z.object({
  /** Drops the split links, so "OP5 bis" becomes OP6. */
  renumber: z.boolean().default(false),
});

export const resolveBracketInput = z.object({ alternative: integer().min(0).max(9), version });

export const withdrawInput = z.object({ version });

export const cosponsorInput = z.object({
  /** Only when the secretariat enters a delegation's co-sponsorship. */
  delegationId: id.optional(),
});

export const corrigendumInput = z.object({
  /** The one language the corrigendum corrects. */
  language: languageCode,
  changes: z
    .array(z.object({ paragraphId: id, text: z.string().trim().min(1, "required").max(20_000, "too_long") }))
    .min(1, "required")
    .max(2_000),
  note: localizedSchema.default({}),
});

export const lineageInput = z.object({
  /** An earlier outcome document on this instance; or none, and a title for one known only by reference. */
  earlierDocumentId: id.optional(),
  title: localizedSchema.default({}),
  symbol: z.string().trim().max(60, "too_long").default(""),
  year: integer().min(1900, "invalid").max(2200, "invalid").optional(),
  url: z
    .string()
    .trim()
    .max(2_000, "too_long")
    .regex(/^(https?:\/\/\S+)?$/, "url.invalid")
    .default(""),
  /** The earlier document's text per language, paragraphs separated by blank lines, to show what carries over. */
  text: z.record(languageCode, z.string().trim().max(200_000, "too_long")).default({}),
});
