import { z } from "zod";
import { interfaceLanguages } from "../../i18n/index.ts";
import { localizedSchema } from "../shared/localized.ts";
import { formInteger } from "../shared/validate.ts";
import { delegationKinds, registrationStatuses } from "./schema.ts";

const optionalText = (max = 200) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, "too_long").optional());
const country = z.preprocess(
  (v) => (v === "" || v == null ? undefined : typeof v === "string" ? v.toUpperCase() : v),
  z
    .string()
    .regex(/^[A-Z]{2}$/, "country.invalid")
    .optional(),
);
const email = z
  .string("required")
  .trim()
  .min(1, "required")
  .max(254, "too_long")
  .email("email.invalid")
  .transform((e) => e.toLowerCase());
const lang = z.enum(interfaceLanguages, "language.interface_only");

/** A delegation, by the secretariat. The deadline is wall-clock time in the event's zone. */
export const delegationInput = z.object({
  kind: z.enum(delegationKinds, "invalid"),
  country,
  /** A State's names left empty are filled from the States list (delegations/states.ts); an organisation's first one is required. */
  name: localizedSchema.default({}),
  quota: z.coerce.number("invalid").int("invalid").min(1, "quota.min").max(500, "invalid"),
  deadline: z.string("required").trim().min(1, "required"),
  defaultCategoryId: z.preprocess((v) => (v === "" ? undefined : v), formInteger().positive().optional()),
  focalPointName: z.string("required").trim().min(1, "required").max(200, "too_long"),
  focalPointEmail: email,
  focalPointLang: lang,
  /** Ticked when a deadline already past is meant (a late delegation, recorded after the fact). */
  deadlinePastConfirmed: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).optional(),
});

export type DelegationInput = z.infer<typeof delegationInput>;

/** A member nominated by a focal point. */
export const nominationInput = z.object({
  honorific: optionalText(40),
  givenName: z.string("required").trim().min(1, "required").max(100, "too_long"),
  familyName: z.string("required").trim().min(1, "required").max(100, "too_long"),
  givenNameLocal: optionalText(100),
  familyNameLocal: optionalText(100),
  position: optionalText(),
  organisation: optionalText(),
  email,
  lang,
  head: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).optional(),
});

export const reviewInput = z.object({
  status: z.enum(registrationStatuses, "invalid"),
  reason: optionalText(500),
  items: z
    .array(z.object({ id: formInteger().positive(), version: formInteger().positive() }))
    .min(1, "review.none_selected")
    .max(1000),
});
