ALTER TABLE "events" ADD COLUMN "logo_file_id" integer;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "logo_alt" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_logo_file_id_stored_files_id_fk" FOREIGN KEY ("logo_file_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;