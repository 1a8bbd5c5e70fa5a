import { z } from "zod";
import { languageCode, localizedSchema } from "../shared/localized.ts";
import { formInteger, optionalFormId } from "../shared/validate.ts";
import { participationRoles, sessionKinds } from "./schema.ts";

const optionalId = optionalFormId();

/** Start and end are wall-clock times in the event's time zone: `2022-03-03T09:30`. */
export const sessionInput = z.object({
  kind: z.enum(sessionKinds, "invalid"),
  title: localizedSchema,
  description: localizedSchema.optional(),
  start: z.string("required").trim().min(1, "required"),
  end: z.string("required").trim().min(1, "required"),
  roomId: optionalId.optional(),
  trackId: optionalId.optional(),
  organiserId: optionalId.optional(),
  workingLanguage: z.preprocess((v) => (v === "" ? null : v), languageCode.nullable()).optional(),
  interpretation: z.array(languageCode, "language.unknown").max(12).optional(),
  people: z
    .array(z.object({ personId: formInteger().positive("invalid"), role: z.enum(participationRoles, "invalid") }))
    .max(100)
    .optional(),
  version: formInteger().optional(),
});
export type SessionInput = z.infer<typeof sessionInput>;

export const personInput = z.object({
  honorific: localizedSchema.optional(),
  name: localizedSchema,
  position: localizedSchema.optional(),
  organisation: localizedSchema.optional(),
  country: z
    .preprocess(
      (v) => (v === "" ? null : typeof v === "string" ? v.toUpperCase() : v),
      z
        .string()
        .regex(/^[A-Z]{2}$/, "country.invalid")
        .nullable(),
    )
    .optional(),
  version: formInteger().optional(),
});
