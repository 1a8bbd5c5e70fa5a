-- One table for every uploaded file (features/files, docs/decisions/0012-file-store.md): logos from "files"
-- and letters, photos, file answers and pending imports from "private_files", as bytes instead of base64 text.
CREATE TABLE "stored_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"filename" text NOT NULL,
	"visibility" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
-- Uploads are PDFs and images, compressed already: kept as they are, out of line, so that reading a slice
-- (features/files/store.ts streams 256 KB at a time) reads only that slice instead of decompressing the whole.
ALTER TABLE "stored_files" ALTER COLUMN "data" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "organisations" DROP CONSTRAINT "organisations_logo_file_id_files_id_fk";--> statement-breakpoint
ALTER TABLE "registration_imports" DROP CONSTRAINT "registration_imports_file_id_private_files_id_fk";--> statement-breakpoint
-- Private files keep their ids: participants.custom holds them inside JSON answers, and photos, letters and
-- imports point at them by id.
INSERT INTO "stored_files" ("id", "event_id", "kind", "content_type", "size", "sha256", "filename", "visibility", "created_at", "data")
	SELECT "id", "event_id", "kind", "content_type", "size", "sha256", "filename", 'private', "created_at", decode("data", 'base64')
	FROM "private_files";--> statement-breakpoint
-- Logos move above the last private id; only organisations.logo_file_id points at them, updated next with
-- the same offset.
INSERT INTO "stored_files" ("id", "event_id", "kind", "content_type", "size", "sha256", "filename", "visibility", "created_at", "data")
	SELECT "id" + (SELECT coalesce(max("id"), 0) FROM "private_files"), "event_id", 'logo', "content_type", "size", "sha256", 'logo', 'public', "created_at", decode("data", 'base64')
	FROM "files";--> statement-breakpoint
UPDATE "organisations" SET "logo_file_id" = "logo_file_id" + (SELECT coalesce(max("id"), 0) FROM "private_files")
	WHERE "logo_file_id" IS NOT NULL;--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('stored_files', 'id'), coalesce((SELECT max("id") FROM "stored_files"), 0) + 1, false);--> statement-breakpoint
DROP TABLE "files";--> statement-breakpoint
DROP TABLE "private_files";--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stored_files_event_kind_idx" ON "stored_files" USING btree ("event_id","kind");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_logo_file_id_stored_files_id_fk" FOREIGN KEY ("logo_file_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_imports" ADD CONSTRAINT "registration_imports_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;
