// The shapes the library's commands accept, one zod schema each, shared by the pages and the API. Messages are error codes.
import { z } from "zod";
import { languageCode, localizedSchema } from "../shared/localized.ts";
import { formInteger, isCalendarDay } from "../shared/validate.ts";
import { accessLevels, documentKinds, documentSeries } from "./vocabulary.ts";

const id = z.coerce.number().int("invalid").positive("invalid").max(2_147_483_647, "invalid");
const version = formInteger().min(1);
/** A day of issue (`YYYY-MM-DD`), or nothing: empty and null clear it. */
const day = z
  .union([z.literal(""), z.string().trim().refine(isCalendarDay, "date.invalid")])
  .nullable()
  .optional()
  .transform((value) => (value ? value : null));

const access = {
  access: z.enum(accessLevels),
  categoryIds: z.array(id).max(200, "too_long").default([]),
  delegationIds: z.array(id).max(5000, "too_long").default([]),
};

const metadata = {
  kind: z.enum(documentKinds),
  title: localizedSchema,
  summary: localizedSchema.default({}),
  originalLanguage: languageCode,
  issuedOn: day,
};

/**
 * A new document. Its symbol is typed (`TC/2022/L.2`, `TC/2022/1/Rev.1`), or, left empty, the next number
 * of `series` under the event's prefix.
 */
export const createDocumentInput = z.object({
  symbol: z.string().trim().max(60, "too_long").optional().default(""),
  series: z.enum(documentSeries).default("general"),
  ...metadata,
  ...access,
});

/** What the edit form changes (never the symbol). */
export const updateDocumentInput = z.object({ ...metadata, version });

export const accessInput = z.object({ ...access, version });

/** Issue, withdraw, delete: the version the person saw. */
export const versionInput = z.object({ version });

export const prefixInput = z.object({ prefix: z.string().trim().min(1, "required").max(40, "too_long") });
