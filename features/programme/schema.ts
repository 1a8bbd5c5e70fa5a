import { index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from "drizzle-orm/pg-core";
import { events, organisations, rooms, tracks } from "../events/schema.ts";
import type { Localized } from "../shared/localized.ts";
import type { ParticipationRole, SessionKind } from "./vocabulary.ts";

export { type ParticipationRole, participationRoles, type SessionKind, sessionKinds } from "./vocabulary.ts";

export const sessions = pgTable(
  "sessions",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    kind: text("kind").$type<SessionKind>().notNull(),
    title: jsonb("title").$type<Localized>().notNull(),
    description: jsonb("description").$type<Localized>().notNull().default({}),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    roomId: integer("room_id").references(() => rooms.id, { onDelete: "set null" }),
    trackId: integer("track_id").references(() => tracks.id, { onDelete: "set null" }),
    workingLanguage: text("working_language"),
    interpretation: jsonb("interpretation").$type<string[]>().notNull().default([]),
    /** The partner organising a side event. */
    organiserId: integer("organiser_id").references(() => organisations.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_event_start_idx").on(t.eventId, t.startsAt)],
);

export const persons = pgTable(
  "persons",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    honorific: jsonb("honorific").$type<Localized>().notNull().default({}),
    /** Full name as it is written in each language (Latin, Cyrillic…). */
    name: jsonb("name").$type<Localized>().notNull(),
    position: jsonb("position").$type<Localized>().notNull().default({}),
    organisation: jsonb("organisation").$type<Localized>().notNull().default({}),
    /** ISO 3166-1 alpha-2. */
    country: text("country"),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("persons_event_idx").on(t.eventId)],
);

export const sessionPeople = pgTable(
  "session_people",
  {
    sessionId: integer("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    role: text("role").$type<ParticipationRole>().notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.personId, t.role] }), index("session_people_person_idx").on(t.personId)],
);
