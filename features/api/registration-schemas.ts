import { z } from "zod";
import { interfaceLanguages } from "../../i18n/index.ts";
import { attendanceModes, delegationKinds, registrationStatuses, reviewableStatuses } from "../registration/schema.ts";
import { integer } from "../shared/validate.ts";

/** What `/api/v1` answers about registrations, as zod schemas: presenters are typed by them, the OpenAPI document generated from them. */
const id = integer().positive();
const localized = z.record(z.string(), z.string()).meta({ description: "One text per content language." });
const text = z.string().nullable();

export const categoryOutput = z.object({
  id,
  code: z.string().meta({ examples: ["delegate"] }),
  name: localized,
  colour: z.string().meta({ examples: ["#1f5fa8"] }),
  letter: z.string().meta({ description: "Printed on badges.", examples: ["D"] }),
  attendance: z.enum(attendanceModes),
  capacity: integer().nullable().meta({ description: "Approvals beyond it go to the waiting list; null: no limit." }),
  approved: integer().meta({ description: "Registrations approved in this category." }),
  openRegistration: z.boolean(),
  version: integer(),
});

export const delegationOutput = z.object({
  id,
  kind: z.enum(delegationKinds),
  country: text.meta({ description: "ISO 3166-1 alpha-2, for a State." }),
  name: localized,
  quota: integer(),
  used: integer().meta({ description: "Places taken by members who have not withdrawn, been rejected or cancelled." }),
  deadline: z.string().meta({ description: "Nominations close at this instant (ISO 8601)." }),
  defaultCategoryId: id
    .nullable()
    .meta({ description: "The category its members get; null: Delegate for a State, International/Regional Organisation otherwise." }),
  focalPoint: z.object({ name: z.string(), email: z.string(), lang: z.string() }),
  headParticipantId: id.nullable(),
  hasLetter: z.boolean(),
  invitedAt: z.string().nullable().meta({ description: "When the focal point's link was first sent; null for one imported and not invited yet." }),
  version: integer().meta({ description: "Send it back in `If-Match` when changing the delegation." }),
});

/** A delegation, as the invitation form takes it (features/registration/input.ts `delegationInput`). */
export const delegationRequestInput = z.object({
  kind: z.enum(delegationKinds),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .optional()
    .meta({ description: "ISO 3166-1 alpha-2; required for a State." }),
  name: localized.optional().meta({
    description:
      "One name per content language; the default language's is required. A State's names left out are its UN names (in Arabic, Chinese, English, French, Russian and Spanish; CLDR's in other languages).",
  }),
  quota: integer().min(1).max(500),
  deadline: z.string().meta({
    description:
      "When nominations close: wall-clock time in the event's time zone (`2030-05-01T18:00`) or an instant with its offset (`2030-05-01T13:00:00Z`).",
    examples: ["2030-05-01T18:00"],
  }),
  deadlinePastConfirmed: z.boolean().optional().meta({ description: "Required to set a deadline that is already past." }),
  defaultCategoryId: id.nullable().optional(),
  focalPoint: z.object({ name: z.string().max(200), email: z.string().max(254), lang: z.enum(interfaceLanguages) }),
  version: integer().optional().meta({ description: "PUT only, when no `If-Match` is sent: the version the change is based on." }),
});

export const registrationOutput = z
  .object({
    id,
    status: z.enum(registrationStatuses),
    statusReason: text,
    categoryId: id,
    categoryCode: z.string(),
    delegationId: id.nullable(),
    honorific: text,
    givenName: z.string(),
    familyName: z.string(),
    givenNameLocal: text,
    familyNameLocal: text,
    position: text,
    organisation: text,
    country: text.meta({ description: "ISO 3166-1 alpha-2." }),
    email: z.string(),
    phone: text,
    nationality: text,
    arrival: text,
    departure: text,
    dietary: text,
    accessibility: text,
    interpretationLanguage: text,
    lang: z.string().meta({ description: "The language the person reads their emails in." }),
    consentList: z.boolean(),
    consentData: z.boolean(),
    hasPhoto: z.boolean(),
    custom: z.record(z.string(), z.unknown()).meta({ description: "Answers to the event's own questions, by field key." }),
    createdAt: z.string(),
    updatedAt: z.string(),
    reviewedAt: text,
    version: integer().meta({ description: "Send it back in `If-Match` when reviewing." }),
  })
  .meta({ description: "A registration. ID document numbers and dates of birth are never given out through the API." });

export const registrationPageOutput = z.object({
  registrations: z.array(registrationOutput),
  next: z.string().nullable().meta({ description: "The URL of the next page, null on the last." }),
});

const optional = (max: number) => z.string().max(max).optional();
/** A registration added by an integration: the same fields and rules as a row of a spreadsheet import. */
export const registrationInput = z.object({
  givenName: z.string().max(100),
  familyName: z.string().max(100),
  email: z.string().max(254),
  category: z.string().max(100).meta({ description: "The category's code or name." }),
  honorific: optional(40),
  givenNameLocal: optional(100),
  familyNameLocal: optional(100),
  organisation: optional(200),
  position: optional(200),
  country: optional(100).meta({ description: "ISO 3166-1 alpha-2 or a country's name; taken from a State's delegation when absent." }),
  delegation: optional(200).meta({ description: "A delegation's name, or a State's country code." }),
  lang: z.enum(interfaceLanguages).optional().meta({ description: "Defaults to the event's first language." }),
  custom: z
    .record(z.string(), z.union([z.string(), z.array(z.string())]))
    .optional()
    .meta({
      description:
        "Answers to the event's own questions, by key, as its form sends them: text, an ISO date, `yes`/`no`, an option's code, or a list of codes for a multiple choice. File questions are answered on the person's own page.",
    }),
  status: z
    .enum(["pending", "waitlisted"])
    .optional()
    .meta({ description: "Defaults to pending. Approval goes through the review endpoint, which applies the category's capacity and tells the person." }),
});

export const reviewRequestInput = z.object({
  status: z.enum(reviewableStatuses as unknown as [string, ...string[]]),
  reason: z.string().max(500).optional().meta({ description: "Required to reject; sent to the person." }),
  version: integer()
    .positive()
    .optional()
    .meta({ description: "The version the decision is based on, when no `If-Match` is sent: one of the two is required." }),
});

export type RegistrationOutput = z.infer<typeof registrationOutput>;
export type CategoryOutput = z.infer<typeof categoryOutput>;
export type DelegationOutput = z.infer<typeof delegationOutput>;
