import { boolean, customType, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { events } from "../events/schema.ts";
import type { FileKind, FileType, FileVisibility } from "./kinds.ts";

/** pg hands bytea back as a Buffer, PGlite as a Uint8Array; both take either. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
  fromDriver: (value) => (value instanceof Uint8Array ? value : Buffer.from(value as never)),
});

/**
 * Every uploaded file (logos, photos, letters, file answers, spreadsheets waiting to be imported), in the
 * database so every instance sees them. Rows are never updated: a new upload is a new row. The bytes are
 * stored uncompressed out of line (STORAGE EXTERNAL, migration 0010), so reading a slice reads only that
 * slice; they are read through features/files/store.ts, never selected whole by other modules.
 */
export const storedFiles = pgTable(
  "stored_files",
  {
    id: serial("id").primaryKey(),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    kind: text("kind").$type<FileKind>().notNull(),
    /** Read from the bytes at upload (kinds.ts sniffType). */
    contentType: text("content_type").$type<FileType>().notNull(),
    size: integer("size").notNull(),
    /** Hex SHA-256 of the bytes: the ETag. */
    sha256: text("sha256").notNull(),
    filename: text("filename").notNull(),
    visibility: text("visibility").$type<FileVisibility>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    data: bytea("data").notNull(),
  },
  (t) => [index("stored_files_event_kind_idx").on(t.eventId, t.kind)],
);

/**
 * A small JPEG of a stored photo (at most 128 px a side, a few KB), for kiosks and staff lists: made when
 * the photo is stored, or on its first request for photos stored before (features/files/thumbnails.ts).
 * Goes with its photo (cascade). `usable` false: the photo's bytes could not be read as an image.
 */
export const photoThumbnails = pgTable("photo_thumbnails", {
  fileId: integer("file_id")
    .primaryKey()
    .references(() => storedFiles.id, { onDelete: "cascade" }),
  eventId: integer("event_id")
    .notNull()
    .references(() => events.id, { onDelete: "cascade" }),
  usable: boolean("usable").notNull(),
  width: integer("width").notNull().default(0),
  height: integer("height").notNull().default(0),
  size: integer("size").notNull().default(0),
  data: bytea("data"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
