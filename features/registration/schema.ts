import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "../access/schema.ts";
import { events } from "../events/schema.ts";
import { storedFiles } from "../files/schema.ts";
import type { Localized } from "../shared/localized.ts";
import type { ImportPreview } from "./imports/import-fields.ts";
import { latinNameKey, localNameKey } from "./review/name-key.ts";
import { translitNamesKey } from "./review/transliterate.ts";
import type {
  AttendanceMode,
  CustomFieldType,
  DelegationKind,
  ImportKind,
  ImportStatus,
  LinkPurpose,
  MailTemplateKind,
  RegistrationStatus,
  StandardField,
} from "./vocabulary.ts";

export {
  type AttendanceMode,
  attendanceModes,
  type CustomFieldType,
  customFieldTypes,
  type DelegationKind,
  delegationKinds,
  type ImportKind,
  type ImportStatus,
  idDocumentTypes,
  importKinds,
  importStatuses,
  inactiveStatuses,
  type LinkPurpose,
  linkPurposes,
  type MailTemplateKind,
  mailTemplateKinds,
  type RecordSource,
  type RegistrationStatus,
  recordSources,
  registrationStatuses,
  reviewableStatuses,
  type StandardField,
  standardFields,
} from "./vocabulary.ts";

/** Accreditation categories: what a badge will say (colour, letter) and how many may come. */
export const categories = pgTable(
  "registration_categories",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    name: jsonb("name").$type<Localized>().notNull(),
    colour: text("colour").notNull(),
    letter: text("letter").notNull(),
    attendance: text("attendance").$type<AttendanceMode>().notNull().default("in_person"),
    /** Null: no limit. Approvals beyond it go to the waiting list. */
    capacity: integer("capacity"),
    requiredFields: jsonb("required_fields").$type<StandardField[]>().notNull().default([]),
    /** Open registration (without an invitation) for this category, optionally behind an access code. */
    openRegistration: boolean("open_registration").notNull().default(false),
    accessCode: text("access_code"),
    position: integer("position").notNull().default(0),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("registration_categories_event_code_key").on(t.eventId, t.code)],
);

/** A State's or an organisation's delegation, managed by its focal point through an emailed link. */
export const delegations = pgTable(
  "delegations",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    kind: text("kind").$type<DelegationKind>().notNull(),
    /** ISO 3166-1 alpha-2 for a State. */
    country: text("country"),
    name: jsonb("name").$type<Localized>().notNull(),
    quota: integer("quota").notNull(),
    /** Nominations and replacements close at this instant. */
    deadline: timestamp("deadline", { withTimezone: true }).notNull(),
    /** Category given to members nominated by this delegation unless the focal point names Head of Delegation. */
    defaultCategoryId: integer("default_category_id").references(() => categories.id, { onDelete: "set null" }),
    focalPointName: text("focal_point_name").notNull(),
    focalPointEmail: text("focal_point_email").notNull(),
    focalPointLang: text("focal_point_lang").notNull().default("en"),
    letterFileId: integer("letter_file_id"),
    headParticipantId: integer("head_participant_id"),
    /** When the focal point's first link was sent; null for a delegation imported and not invited yet. */
    invitedAt: timestamp("invited_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("delegations_event_idx").on(t.eventId)],
);

/** One person's registration to one event: one accreditation per person per event. */
export const participants = pgTable(
  "participants",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    delegationId: integer("delegation_id").references(() => delegations.id, { onDelete: "set null" }),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id),
    status: text("status").$type<RegistrationStatus>().notNull().default("pending"),
    statusReason: text("status_reason"),
    honorific: text("honorific"),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    /** Names in the person's own script (Cyrillic, Arabic…), when it is not Latin. */
    givenNameLocal: text("given_name_local"),
    familyNameLocal: text("family_name_local"),
    position: text("position"),
    organisation: text("organisation"),
    country: text("country"),
    email: text("email").notNull(),
    phone: text("phone"),
    nationality: text("nationality"),
    idDocumentType: text("id_document_type"),
    /** AES-256-GCM, key from SECRET_KEY (features/registration/privacy/crypto.ts). */
    idDocumentNumberEnc: text("id_document_number_enc"),
    idDocumentExpiry: date("id_document_expiry"),
    birthDateEnc: text("birth_date_enc"),
    /** SHA-256 of names + birth date, for duplicate detection without decrypting. */
    identityHash: text("identity_hash"),
    /** Names (Latin, and in the person's own script) folded for finding duplicates (name-key.ts). */
    nameKey: text("name_key").generatedAlwaysAs(latinNameKey),
    localNameKey: text("local_name_key").generatedAlwaysAs(localNameKey),
    /** Latin and own-script names transliterated into one key (review/transliterate.ts): "Sergei Ivanov" finds "Сергей Иванов". */
    translitKey: text("translit_key").generatedAlwaysAs(translitNamesKey),
    photoFileId: integer("photo_file_id"),
    arrival: date("arrival"),
    departure: date("departure"),
    dietary: text("dietary"),
    accessibility: text("accessibility"),
    interpretationLanguage: text("interpretation_language"),
    /** The language the person reads their emails and portal in. */
    lang: text("lang").notNull().default("en"),
    consentList: boolean("consent_list").notNull().default(false),
    consentData: boolean("consent_data").notNull().default(false),
    /** The secretariat reopened the person's own page until this instant, past their deadline (review/reopen-own-page.ts). */
    reopenedUntil: timestamp("reopened_until", { withTimezone: true }),
    custom: jsonb("custom").$type<Record<string, unknown>>().notNull().default({}),
    reviewedBy: integer("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("participants_event_email_key").on(t.eventId, t.email),
    index("participants_event_status_idx").on(t.eventId, t.status, t.id),
    index("participants_event_category_idx").on(t.eventId, t.categoryId),
    index("participants_delegation_idx").on(t.delegationId),
    index("participants_identity_idx").on(t.eventId, t.identityHash),
    // The staff list's sorts by name (either direction), alone and within a status tab, read 50 rows off an index.
    index("participants_event_name_idx").on(t.eventId, t.familyName, t.givenName, t.id),
    index("participants_event_status_name_idx").on(t.eventId, t.status, t.familyName, t.givenName, t.id),
    // The list's search (a substring of name, email or organisation): trigrams, so 100,000 rows are not scanned.
    // The expression must stay the one in queries.ts (participantSearchText) for the index to be used.
    index("participants_search_idx").using(
      "gin",
      sql`(${t.familyName} || ' ' || ${t.givenName} || ' ' || ${t.email} || ' ' || coalesce(${t.organisation}, '')) gin_trgm_ops`,
    ),
    // Names shared by several registrations, and one person's namesakes, are read off these (duplicates.ts).
    index("participants_event_name_key_idx").on(t.eventId, t.nameKey),
    index("participants_event_local_name_key_idx").on(t.eventId, t.localNameKey),
    index("participants_translit_key_idx").using("gin", sql`${t.translitKey} gin_trgm_ops`),
    // The queue's filters by registration day and by organisation (queries.ts participantConditions).
    index("participants_event_created_idx").on(t.eventId, t.createdAt),
    index("participants_event_organisation_idx").on(t.eventId, sql`lower(${t.organisation})`),
  ],
);

/** Two registrations a reviewer said are not the same person: no longer offered as duplicates (low_id < high_id). */
export const distinctPairs = pgTable(
  "registration_distinct_pairs",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    lowId: integer("low_id")
      .notNull()
      .references(() => participants.id, { onDelete: "cascade" }),
    highId: integer("high_id")
      .notNull()
      .references(() => participants.id, { onDelete: "cascade" }),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("registration_distinct_pairs_key").on(t.eventId, t.lowId, t.highId),
    index("registration_distinct_pairs_high_idx").on(t.highId),
    check("registration_distinct_pairs_order", sql`${t.lowId} < ${t.highId}`),
  ],
);

/** A personal invitation: the invitee registers through the link, in the category chosen for them. */
export const invitations = pgTable(
  "registration_invitations",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id),
    delegationId: integer("delegation_id").references(() => delegations.id, { onDelete: "set null" }),
    lang: text("lang").notNull().default("en"),
    participantId: integer("participant_id").references(() => participants.id, { onDelete: "set null" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("registration_invitations_event_email_key").on(t.eventId, t.email)],
);

/** Expiring, single-purpose links for people without passwords. Only the token's SHA-256 is stored. */
export const accessLinks = pgTable(
  "access_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<LinkPurpose>().notNull(),
    delegationId: integer("delegation_id").references(() => delegations.id, { onDelete: "cascade" }),
    participantId: integer("participant_id").references(() => participants.id, { onDelete: "cascade" }),
    invitationId: integer("invitation_id").references(() => invitations.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("access_links_delegation_idx").on(t.delegationId), index("access_links_participant_idx").on(t.participantId)],
);

export type { ImportPreview, ImportRowError } from "./imports/import-fields.ts";

/**
 * A bulk import of participants from CSV or XLSX: previewed (nothing written), then run in the background
 * in batches; `done` counts the file's rows handled so far, so the page shows progress and a restarted
 * process resumes where the last batch committed.
 */
export const registrationImports = pgTable(
  "registration_imports",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    /** What the file holds: participants or delegations. */
    kind: text("kind").$type<ImportKind>().notNull().default("participants"),
    /** Deadlines already past in a delegations file were meant (the same confirmation as the invitation form's). */
    pastDeadlinesConfirmed: boolean("past_deadlines_confirmed").notNull().default(false),
    filename: text("filename").notNull(),
    /** The uploaded bytes (a stored file of kind "import") until the import has run. */
    fileId: integer("file_id").references(() => storedFiles.id, { onDelete: "set null" }),
    status: text("status").$type<ImportStatus>().notNull().default("previewed"),
    total: integer("total").notNull().default(0),
    done: integer("done").notNull().default(0),
    inserted: integer("inserted").notNull().default(0),
    /** Valid rows whose email was already registered for the event: left as they were. */
    skipped: integer("skipped").notNull().default(0),
    invalid: integer("invalid").notNull().default(0),
    preview: jsonb("preview").$type<ImportPreview>().notNull(),
    /** An error code (`error.<code>`) when the import failed. */
    error: text("error"),
    /** Set by the process running the import after each batch; a stale one can be resumed by another. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("registration_imports_event_idx").on(t.eventId, t.id)],
);

export interface CustomFieldOption {
  value: string;
  label: Localized;
}

/**
 * A question organisers add to the registration form. Answers live in `participants.custom` under `key`
 * (a file answer holds the stored file's id, kind "attachment").
 */
export const formFields = pgTable(
  "registration_form_fields",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    type: text("type").$type<CustomFieldType>().notNull(),
    label: jsonb("label").$type<Localized>().notNull(),
    help: jsonb("help").$type<Localized>().notNull().default({}),
    options: jsonb("options").$type<CustomFieldOption[]>().notNull().default([]),
    required: boolean("required").notNull().default(false),
    /** Categories that are asked this question; empty: every category. */
    categoryIds: jsonb("category_ids").$type<number[]>().notNull().default([]),
    position: integer("position").notNull().default(0),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("registration_form_fields_event_key").on(t.eventId, t.key)],
);
export type FormFieldRow = typeof formFields.$inferSelect;

/** An organiser's wording of one registration email, per language; missing languages use the built-in text. */
export const mailTemplates = pgTable(
  "mail_templates",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    kind: text("kind").$type<MailTemplateKind>().notNull(),
    subject: jsonb("subject").$type<Localized>().notNull().default({}),
    body: jsonb("body").$type<Localized>().notNull().default({}),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("mail_templates_event_kind_key").on(t.eventId, t.kind)],
);
