import { type AnyPgColumn, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { storedFiles } from "../files/schema.ts";
import type { Localized } from "../shared/localized.ts";
import type { EventFormat, EventStatus, OrganisationRole } from "./vocabulary.ts";

export { type EventFormat, type EventStatus, eventFormats, eventStatuses, type OrganisationRole, organisationRoles } from "./vocabulary.ts";

export const events = pgTable(
  "events",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull(),
    title: jsonb("title").$type<Localized>().notNull(),
    shortTitle: jsonb("short_title").$type<Localized>().notNull().default({}),
    description: jsonb("description").$type<Localized>().notNull().default({}),
    startDate: date("start_date").notNull(),
    endDate: date("end_date").notNull(),
    timezone: text("timezone").notNull(),
    /** Content languages; the first is the default. */
    languages: jsonb("languages").$type<string[]>().notNull(),
    /** The interface language of pages in a content language that has no interface of its own (say German or Kazakh). */
    interfaceLanguage: text("interface_language").notNull().default("en"),
    /** Protocol order: delegations are listed alphabetically by their names in this language, on every page. */
    protocolLanguage: text("protocol_language").notNull().default("en"),
    venue: jsonb("venue").$type<Localized>().notNull().default({}),
    city: jsonb("city").$type<Localized>().notNull().default({}),
    format: text("format").$type<EventFormat>().notNull().default("in_person"),
    /** A short notice shown on every public page (changes of venue, demo values…). */
    notice: jsonb("notice").$type<Localized>().notNull().default({}),
    status: text("status").$type<EventStatus>().notNull().default("draft"),
    /** The event's own logo (kind "logo", public once published): site header, feeds, badges (upload-event-logo.ts). */
    logoFileId: integer("logo_file_id").references((): AnyPgColumn => storedFiles.id, { onDelete: "set null" }),
    /** What the logo shows, for people who cannot see it; empty: the event's title. */
    logoAlt: jsonb("logo_alt").$type<Localized>().notNull().default({}),
    /** What the symbols of the event's documents start with (`TC/2022`): features/documents/symbols.ts. */
    documentPrefix: text("document_prefix"),
    /** After this day (in the event's time zone) a scheduled job purges ID data and photos. Null: kept until set. */
    retentionDate: date("retention_date"),
    /** When the scheduled purge last ran for this event. */
    personalDataPurgedAt: timestamp("personal_data_purged_at", { withTimezone: true }),
    /** Optimistic-concurrency counter, bumped by every save. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("events_slug_key").on(t.slug)],
);

export const rooms = pgTable(
  "rooms",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    name: jsonb("name").$type<Localized>().notNull(),
    capacity: integer("capacity"),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("rooms_event_idx").on(t.eventId)],
);

export const tracks = pgTable(
  "tracks",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: jsonb("name").$type<Localized>().notNull(),
    color: text("color").notNull().default("#1f5f8b"),
    position: integer("position").notNull().default(0),
  },
  (t) => [uniqueIndex("tracks_event_slug_key").on(t.eventId, t.slug)],
);

export const organisations = pgTable(
  "organisations",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    name: jsonb("name").$type<Localized>().notNull(),
    acronym: jsonb("acronym").$type<Localized>().notNull().default({}),
    role: text("role").$type<OrganisationRole>().notNull().default("partner"),
    url: text("url"),
    logoFileId: integer("logo_file_id").references(() => storedFiles.id, { onDelete: "set null" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("organisations_event_idx").on(t.eventId)],
);

export const pages = pgTable(
  "pages",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    title: jsonb("title").$type<Localized>().notNull(),
    /** Markdown, per language; rendered with raw HTML off. */
    body: jsonb("body").$type<Localized>().notNull().default({}),
    position: integer("position").notNull().default(0),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("pages_event_slug_key").on(t.eventId, t.slug)],
);
