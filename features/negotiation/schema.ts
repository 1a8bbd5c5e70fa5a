import { index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "../access/schema.ts";
import { events } from "../events/schema.ts";
import { delegations } from "../registration/schema.ts";
import type { Localized } from "../shared/localized.ts";
import type {
  AdoptionMethod,
  AmendmentKind,
  AmendmentState,
  AnchorState,
  Bracket,
  CorrigendumChange,
  DocumentState,
  ParagraphKind,
  ParagraphStatus,
  RevisionState,
  SilenceBreakKind,
  StatementKind,
} from "./vocabulary.ts";

export * from "./vocabulary.ts";

/** An outcome document of an event (a declaration, a resolution), known by its symbol. */
export const negotiationDocuments = pgTable(
  "negotiation_documents",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    symbol: text("symbol").notNull(),
    title: jsonb("title").$type<Localized>().notNull(),
    /** The language amendments are anchored in; the others follow it. */
    negotiatingLanguage: text("negotiating_language").notNull(),
    state: text("state").$type<DocumentState>().notNull().default("negotiating"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("negotiation_documents_event_symbol_key").on(t.eventId, t.symbol)],
);

/** A paragraph's identity for its whole life; everything it says lives in its versions. */
export const negotiationParagraphs = pgTable(
  "negotiation_paragraphs",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    documentId: integer("document_id")
      .notNull()
      .references(() => negotiationDocuments.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("negotiation_paragraphs_document_idx").on(t.documentId)],
);

/** Zero draft (0), Rev.1, Rev.2…: a draft while edited, an immutable snapshot once issued. */
export const negotiationRevisions = pgTable(
  "negotiation_revisions",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    documentId: integer("document_id")
      .notNull()
      .references(() => negotiationDocuments.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    state: text("state").$type<RevisionState>().notNull().default("draft"),
    /** For each language, the revision its text was last aligned with ("aligned with Rev.1"). */
    aligned: jsonb("aligned").$type<Record<string, number>>().notNull().default({}),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
    issuedBy: integer("issued_by").references(() => users.id, { onDelete: "set null" }),
    silenceUntil: timestamp("silence_until", { withTimezone: true }),
    /** The body that adopts the text if the silence holds. */
    silenceBody: jsonb("silence_body").$type<Localized>(),
    silenceBrokenAt: timestamp("silence_broken_at", { withTimezone: true }),
    adoptedAt: timestamp("adopted_at", { withTimezone: true }),
    adoptedHow: text("adopted_how").$type<AdoptionMethod>(),
    /** In a meeting, or at the end of a silence procedure nobody broke. */
    adoptedThrough: text("adopted_through").$type<"meeting" | "silence">(),
    /** The body that adopted it (Plenary, Committee of the Whole), in the event's languages. */
    adoptedBy: jsonb("adopted_by").$type<Localized>(),
    /** Votes in favour, against, abstaining, when adopted by a vote. */
    votes: jsonb("votes").$type<{ yes: number; no: number; abstain: number }>(),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("negotiation_revisions_document_number_key").on(t.documentId, t.number)],
);

/** What one paragraph says in one revision: its place, kind, text in each language, status and brackets. */
export const negotiationParagraphVersions = pgTable(
  "negotiation_paragraph_versions",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    revisionId: integer("revision_id")
      .notNull()
      .references(() => negotiationRevisions.id, { onDelete: "cascade" }),
    paragraphId: integer("paragraph_id")
      .notNull()
      .references(() => negotiationParagraphs.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind").$type<ParagraphKind>().notNull(),
    text: jsonb("text").$type<Localized>().notNull(),
    status: text("status").$type<ParagraphStatus>().notNull().default("bracketed"),
    brackets: jsonb("brackets").$type<Bracket[]>().notNull().default([]),
    splitFromId: integer("split_from_id").references(() => negotiationParagraphs.id, { onDelete: "set null" }),
    mergedIntoId: integer("merged_into_id").references(() => negotiationParagraphs.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("negotiation_paragraph_versions_revision_paragraph_key").on(t.revisionId, t.paragraphId),
    index("negotiation_paragraph_versions_paragraph_idx").on(t.paragraphId),
  ],
);

/**
 * A delegation's proposal, anchored to one paragraph version in one language as a span and the text it
 * held (`original*`, never changed), and re-anchored onto each newer revision (`anchor*`).
 */
export const negotiationAmendments = pgTable(
  "negotiation_amendments",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    documentId: integer("document_id")
      .notNull()
      .references(() => negotiationDocuments.id, { onDelete: "cascade" }),
    paragraphId: integer("paragraph_id")
      .notNull()
      .references(() => negotiationParagraphs.id, { onDelete: "cascade" }),
    /** Set for an amendment to an amendment: its span is in the parent's proposed text. */
    parentId: integer("parent_id"),
    delegationId: integer("delegation_id")
      .notNull()
      .references(() => delegations.id, { onDelete: "cascade" }),
    kind: text("kind").$type<AmendmentKind>().notNull(),
    language: text("language").notNull(),
    proposedText: text("proposed_text").notNull().default(""),
    /** new_paragraph: the paragraph it comes after (null: at the top); move: where the paragraph goes. */
    afterParagraphId: integer("after_paragraph_id").references(() => negotiationParagraphs.id, { onDelete: "set null" }),
    newParagraphKind: text("new_paragraph_kind").$type<ParagraphKind>(),
    originalVersionId: integer("original_version_id")
      .notNull()
      .references(() => negotiationParagraphVersions.id, { onDelete: "cascade" }),
    originalStart: integer("original_start").notNull(),
    originalEnd: integer("original_end").notNull(),
    originalText: text("original_text").notNull(),
    anchorVersionId: integer("anchor_version_id")
      .notNull()
      .references(() => negotiationParagraphVersions.id, { onDelete: "cascade" }),
    anchorStart: integer("anchor_start").notNull(),
    anchorEnd: integer("anchor_end").notNull(),
    /** The words now under the anchor (differ from `originalText` when to be reviewed). */
    anchorText: text("anchor_text").notNull(),
    anchorState: text("anchor_state").$type<AnchorState>().notNull().default("current"),
    state: text("state").$type<AmendmentState>().notNull().default("submitted"),
    /** The draft revision it was folded into. */
    foldedIntoRevisionId: integer("folded_into_revision_id").references(() => negotiationRevisions.id, { onDelete: "set null" }),
    submittedBy: integer("submitted_by").references(() => users.id, { onDelete: "set null" }),
    submittedByParticipantId: integer("submitted_by_participant_id"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("negotiation_amendments_document_idx").on(t.documentId, t.id), index("negotiation_amendments_anchor_idx").on(t.anchorVersionId)],
);

export const negotiationCosponsors = pgTable(
  "negotiation_cosponsors",
  {
    amendmentId: integer("amendment_id")
      .notNull()
      .references(() => negotiationAmendments.id, { onDelete: "cascade" }),
    delegationId: integer("delegation_id")
      .notNull()
      .references(() => delegations.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.amendmentId, t.delegationId] })],
);

/** What broke a silence procedure, received by the server's clock before the deadline. */
export const negotiationSilenceBreaks = pgTable(
  "negotiation_silence_breaks",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    revisionId: integer("revision_id")
      .notNull()
      .references(() => negotiationRevisions.id, { onDelete: "cascade" }),
    delegationId: integer("delegation_id")
      .notNull()
      .references(() => delegations.id, { onDelete: "cascade" }),
    kind: text("kind").$type<SilenceBreakKind>().notNull(),
    amendmentId: integer("amendment_id").references(() => negotiationAmendments.id, { onDelete: "set null" }),
    note: text("note").notNull().default(""),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("negotiation_silence_breaks_revision_idx").on(t.revisionId)],
);

/** Explanations of position, interpretative statements and reservations on an adopted revision. */
export const negotiationStatements = pgTable(
  "negotiation_statements",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    revisionId: integer("revision_id")
      .notNull()
      .references(() => negotiationRevisions.id, { onDelete: "cascade" }),
    delegationId: integer("delegation_id")
      .notNull()
      .references(() => delegations.id, { onDelete: "cascade" }),
    /** The paragraph a reservation is about, if one. */
    paragraphId: integer("paragraph_id").references(() => negotiationParagraphs.id, { onDelete: "set null" }),
    kind: text("kind").$type<StatementKind>().notNull(),
    originalLanguage: text("original_language").notNull(),
    /** The original and its translations. */
    text: jsonb("text").$type<Localized>().notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("negotiation_statements_revision_idx").on(t.revisionId)],
);

/**
 * A corrigendum to an adopted revision: corrected wording of some paragraphs in one language only (to align a
 * language version with the original). The adopted snapshot itself never changes; readers see it corrected.
 */
export const negotiationCorrigenda = pgTable(
  "negotiation_corrigenda",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    revisionId: integer("revision_id")
      .notNull()
      .references(() => negotiationRevisions.id, { onDelete: "cascade" }),
    /** Corr.1, Corr.2 … within the revision. */
    number: integer("number").notNull(),
    language: text("language").notNull(),
    changes: jsonb("changes").$type<CorrigendumChange[]>().notNull(),
    note: jsonb("note").$type<Localized>().notNull().default({}),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    issuedBy: integer("issued_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("negotiation_corrigenda_number_idx").on(t.revisionId, t.number)],
);

/**
 * What an outcome document continues: an earlier document of this instance (any event), or one known only by
 * its title, symbol, year and address, optionally with its paragraphs pasted so that carry-over can be shown.
 */
export const negotiationLineage = pgTable(
  "negotiation_lineage",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    documentId: integer("document_id")
      .notNull()
      .references(() => negotiationDocuments.id, { onDelete: "cascade" }),
    earlierDocumentId: integer("earlier_document_id").references(() => negotiationDocuments.id, { onDelete: "set null" }),
    title: jsonb("title").$type<Localized>().notNull().default({}),
    symbol: text("symbol").notNull().default(""),
    year: integer("year"),
    url: text("url").notNull().default(""),
    /** Pasted text of an earlier document outside Plenary, per language; paragraphs separated by blank lines. */
    text: jsonb("text").$type<Localized>().notNull().default({}),
    position: integer("position").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("negotiation_lineage_document_idx").on(t.documentId)],
);
