import { sql } from "drizzle-orm";
import { bigserial, boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "../access/schema.ts";
import { events } from "../events/schema.ts";
import { categories, participants } from "../registration/schema.ts";
import type { Localized } from "../shared/localized.ts";
import type { BandPosition, FrontPart } from "./design.ts";
import type { BadgeSize, PrintScope, PrintStatus, RevocationReason, SheetLayout } from "./vocabulary.ts";

export {
  type BadgeSize,
  badgeSizes,
  type PrintScope,
  type PrintStatus,
  printStatuses,
  type RevocationReason,
  revocationReasons,
  type SheetLayout,
  sheetLayouts,
} from "./vocabulary.ts";

/**
 * An event's Ed25519 signing keys. The newest unretired one signs; a retired one is still published to
 * kiosks until `keepUntil`, the end of the last validity window it signed (docs/decisions/0018).
 */
export const badgeKeys = pgTable(
  "badge_keys",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    /** The key id printed in codes: 1, 2, … per event. */
    keyId: integer("key_id").notNull(),
    /** Raw 32-byte public key, base64url. */
    publicKey: text("public_key").notNull(),
    /** PKCS#8 private key, sealed with the instance secret (AES-256-GCM). */
    privateKeySealed: text("private_key_sealed").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
    keepUntil: timestamp("keep_until", { withTimezone: true }),
  },
  (t) => [uniqueIndex("badge_keys_event_key").on(t.eventId, t.keyId)],
);

/** The badge in force for one accreditation: its version rises with every reprint or change of category. */
export const badges = pgTable(
  "badges",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    categoryId: integer("category_id")
      .notNull()
      .references(() => categories.id),
    keyId: integer("key_id").notNull(),
    firstDay: date("first_day").notNull(),
    lastDay: date("last_day").notNull(),
    /** The signed code of this version (base45), as printed. */
    code: text("code").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    /** Marked by a print station: printed, nobody checked in. */
    printedAt: timestamp("printed_at", { withTimezone: true }),
    printedVersion: integer("printed_version"),
    /** Given to the person at the badge desk, after their ID was compared with the photo. */
    handedOverAt: timestamp("handed_over_at", { withTimezone: true }),
    handedOverBy: integer("handed_over_by").references(() => users.id, { onDelete: "set null" }),
    /** The accreditation was withdrawn: no version of this badge opens a door. */
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("badges_participant_key").on(t.participantId), index("badges_event_updated_idx").on(t.eventId, t.updatedAt, t.id)],
);

/** Versions that no longer open doors, published to kiosks as a delta after a cursor (the id). */
export const badgeRevocations = pgTable(
  "badge_revocations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    participantId: integer("participant_id").notNull(),
    version: integer("version").notNull(),
    reason: text("reason").$type<RevocationReason>().notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("badge_revocations_event_idx").on(t.eventId, t.id), uniqueIndex("badge_revocations_version_key").on(t.participantId, t.version)],
);

/**
 * A print run: the people it covers are fixed when it is asked for; a background job renders them in
 * parts of a few hundred badges (one PDF each, in the file store), so it streams, shows progress and
 * resumes after its last stored part.
 */
export const printBatches = pgTable(
  "badge_print_batches",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    scope: jsonb("scope").$type<PrintScope>().notNull(),
    /** Null: as each person's category design says (badge_designs); set, it overrides the designs' own. */
    size: text("size").$type<BadgeSize>(),
    layout: text("layout").$type<SheetLayout>(),
    sides: integer("sides"),
    /** The language of the printed labels (category names, places, "No photo"). */
    lang: text("lang").notNull(),
    participantIds: jsonb("participant_ids").$type<number[]>().notNull(),
    status: text("status").$type<PrintStatus>().notNull().default("queued"),
    total: integer("total").notNull(),
    done: integer("done").notNull().default(0),
    partFileIds: jsonb("part_file_ids").$type<number[]>().notNull().default([]),
    /** People printed with the placeholder: no photo, or one that could not be printed. */
    withoutPhoto: jsonb("without_photo").$type<number[]>().notNull().default([]),
    error: text("error"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("badge_print_batches_event_idx").on(t.eventId, t.id)],
);

/**
 * How an event's badges look: one design without a category is the event's default, one per category may
 * override it (docs/decisions/0021). A print run draws each person with their category's design.
 */
export const badgeDesigns = pgTable(
  "badge_designs",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    /** Null: the event's default design. */
    categoryId: integer("category_id").references(() => categories.id, { onDelete: "cascade" }),
    size: text("size").$type<BadgeSize>().notNull(),
    layout: text("layout").$type<SheetLayout>().notNull(),
    sides: integer("sides").notNull().default(1),
    front: jsonb("front").$type<Record<FrontPart, boolean>>().notNull(),
    bandPosition: text("band_position").$type<BandPosition>().notNull().default("top"),
    textColour: text("text_colour").notNull(),
    backgroundColour: text("background_colour").notNull(),
    backCode: boolean("back_code").notNull().default(true),
    backText: jsonb("back_text").$type<Localized>().notNull().default({}),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("badge_designs_event_default_key").on(t.eventId).where(sql`${t.categoryId} is null`),
    uniqueIndex("badge_designs_event_category_key").on(t.eventId, t.categoryId).where(sql`${t.categoryId} is not null`),
  ],
);
