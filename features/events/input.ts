import { z } from "zod";
import { isValidTimeZone } from "../../i18n/format.ts";
import { interfaceLanguages } from "../../i18n/index.ts";
import { languageCode, localizedSchema } from "../shared/localized.ts";
import { formInteger } from "../shared/validate.ts";
import { eventFormats, organisationRoles } from "./schema.ts";

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "date.invalid")
  .refine((s) => !Number.isNaN(Date.parse(s)), "date.invalid");

export const eventInput = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{2,62}$/, "slug.format"),
  title: localizedSchema,
  shortTitle: localizedSchema.optional(),
  description: localizedSchema.optional(),
  startDate: isoDate,
  endDate: isoDate,
  timezone: z.string().refine(isValidTimeZone, "timezone.unknown"),
  languages: z.array(languageCode, "language.unknown").min(1, "required").max(12),
  venue: localizedSchema.optional(),
  city: localizedSchema.optional(),
  notice: localizedSchema.optional(),
  format: z.enum(eventFormats, "invalid"),
  interfaceLanguage: z.enum(interfaceLanguages, "invalid").optional(),
  protocolLanguage: languageCode.optional(),
});
export type EventInput = z.infer<typeof eventInput>;

export const roomInput = z.object({
  name: localizedSchema,
  capacity: z.coerce.number("invalid").int("invalid").min(0, "invalid").max(100_000, "invalid").nullable().optional(),
  position: formInteger().optional(),
});

export const trackInput = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,40}$/, "slug.format"),
  name: localizedSchema,
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "color.invalid")
    .optional(),
  position: formInteger().optional(),
});

export const organisationInput = z.object({
  name: localizedSchema,
  acronym: localizedSchema.optional(),
  role: z.enum(organisationRoles, "invalid"),
  url: z.union([z.literal(""), z.url({ protocol: /^https?$/, error: "url.invalid" })]).optional(),
  position: formInteger().optional(),
});

export const pageInput = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "slug.format"),
  title: localizedSchema,
  body: localizedSchema.optional(),
  position: formInteger().optional(),
  version: formInteger().optional(),
});
