CREATE TABLE "badge_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"key_id" integer NOT NULL,
	"public_key" text NOT NULL,
	"private_key_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	"keep_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "badge_revocations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"participant_id" integer NOT NULL,
	"version" integer NOT NULL,
	"reason" text NOT NULL,
	"revoked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "badges" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"participant_id" integer NOT NULL,
	"version" integer NOT NULL,
	"category_id" integer NOT NULL,
	"key_id" integer NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	"code" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"printed_at" timestamp with time zone,
	"printed_version" integer,
	"handed_over_at" timestamp with time zone,
	"handed_over_by" integer,
	"revoked_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "badge_print_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"scope" jsonb NOT NULL,
	"size" text NOT NULL,
	"layout" text NOT NULL,
	"sides" integer DEFAULT 1 NOT NULL,
	"lang" text NOT NULL,
	"participant_ids" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"part_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"without_photo" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "checkin_lists" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"name" jsonb NOT NULL,
	"kind" text NOT NULL,
	"room_id" integer,
	"direction" text DEFAULT 'entry' NOT NULL,
	"windows" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"category_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kiosks" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"list_id" integer NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "checkin_presence" (
	"event_id" integer NOT NULL,
	"participant_id" integer NOT NULL,
	"in_venue" boolean NOT NULL,
	"room_id" integer,
	"last_scan_id" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checkin_presence_event_id_participant_id_pk" PRIMARY KEY("event_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "checkin_scan_outcomes" (
	"scan_id" bigint PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"participant_id" integer NOT NULL,
	"duplicate_of" bigint
);
--> statement-breakpoint
CREATE TABLE "checkin_scans" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"nonce" uuid NOT NULL,
	"kiosk_id" integer NOT NULL,
	"list_id" integer NOT NULL,
	"code" text NOT NULL,
	"participant_id" integer,
	"badge_version" integer,
	"shown" text NOT NULL,
	"shown_reason" text,
	"override_reason" text,
	"verdict" text NOT NULL,
	"verdict_reason" text,
	"scanned_at" timestamp with time zone NOT NULL,
	"kiosk_clock" timestamp with time zone NOT NULL,
	"clock_offset_ms" integer DEFAULT 0 NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "badge_keys" ADD CONSTRAINT "badge_keys_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_revocations" ADD CONSTRAINT "badge_revocations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_category_id_registration_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."registration_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_handed_over_by_users_id_fk" FOREIGN KEY ("handed_over_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_print_batches" ADD CONSTRAINT "badge_print_batches_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_print_batches" ADD CONSTRAINT "badge_print_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_lists" ADD CONSTRAINT "checkin_lists_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_lists" ADD CONSTRAINT "checkin_lists_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kiosks" ADD CONSTRAINT "kiosks_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kiosks" ADD CONSTRAINT "kiosks_list_id_checkin_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."checkin_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kiosks" ADD CONSTRAINT "kiosks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_presence" ADD CONSTRAINT "checkin_presence_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_scan_outcomes" ADD CONSTRAINT "checkin_scan_outcomes_scan_id_checkin_scans_id_fk" FOREIGN KEY ("scan_id") REFERENCES "public"."checkin_scans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_scans" ADD CONSTRAINT "checkin_scans_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_scans" ADD CONSTRAINT "checkin_scans_kiosk_id_kiosks_id_fk" FOREIGN KEY ("kiosk_id") REFERENCES "public"."kiosks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_scans" ADD CONSTRAINT "checkin_scans_list_id_checkin_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."checkin_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "badge_keys_event_key" ON "badge_keys" USING btree ("event_id","key_id");--> statement-breakpoint
CREATE INDEX "badge_revocations_event_idx" ON "badge_revocations" USING btree ("event_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "badge_revocations_version_key" ON "badge_revocations" USING btree ("participant_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "badges_participant_key" ON "badges" USING btree ("participant_id");--> statement-breakpoint
CREATE INDEX "badges_event_updated_idx" ON "badges" USING btree ("event_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "badge_print_batches_event_idx" ON "badge_print_batches" USING btree ("event_id","id");--> statement-breakpoint
CREATE INDEX "checkin_lists_event_idx" ON "checkin_lists" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kiosks_token_key" ON "kiosks" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "kiosks_event_idx" ON "kiosks" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "checkin_presence_room_idx" ON "checkin_presence" USING btree ("event_id","room_id");--> statement-breakpoint
CREATE INDEX "checkin_scan_outcomes_event_idx" ON "checkin_scan_outcomes" USING btree ("event_id") WHERE "checkin_scan_outcomes"."duplicate_of" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "checkin_scans_nonce_key" ON "checkin_scans" USING btree ("event_id","nonce");--> statement-breakpoint
CREATE INDEX "checkin_scans_person_idx" ON "checkin_scans" USING btree ("event_id","participant_id","scanned_at");--> statement-breakpoint
CREATE INDEX "checkin_scans_list_idx" ON "checkin_scans" USING btree ("list_id","scanned_at");