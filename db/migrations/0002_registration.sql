CREATE TABLE "access_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"delegation_id" integer,
	"participant_id" integer,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"colour" text NOT NULL,
	"letter" text NOT NULL,
	"attendance" text DEFAULT 'in_person' NOT NULL,
	"capacity" integer,
	"required_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"open_registration" boolean DEFAULT false NOT NULL,
	"access_code" text,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delegations" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"kind" text NOT NULL,
	"country" text,
	"name" jsonb NOT NULL,
	"quota" integer NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"default_category_id" integer,
	"focal_point_name" text NOT NULL,
	"focal_point_email" text NOT NULL,
	"focal_point_lang" text DEFAULT 'en' NOT NULL,
	"letter_file_id" integer,
	"head_participant_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"delegation_id" integer,
	"category_id" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"status_reason" text,
	"honorific" text,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"given_name_local" text,
	"family_name_local" text,
	"position" text,
	"organisation" text,
	"country" text,
	"email" text NOT NULL,
	"phone" text,
	"nationality" text,
	"id_document_type" text,
	"id_document_number_enc" text,
	"id_document_expiry" date,
	"birth_date_enc" text,
	"identity_hash" text,
	"photo_file_id" integer,
	"arrival" date,
	"departure" date,
	"dietary" text,
	"accessibility" text,
	"interpretation_language" text,
	"lang" text DEFAULT 'en' NOT NULL,
	"consent_list" boolean DEFAULT false NOT NULL,
	"consent_data" boolean DEFAULT false NOT NULL,
	"custom" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "private_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"filename" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_links" ADD CONSTRAINT "access_links_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_links" ADD CONSTRAINT "access_links_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."delegations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_links" ADD CONSTRAINT "access_links_participant_id_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_categories" ADD CONSTRAINT "registration_categories_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delegations" ADD CONSTRAINT "delegations_default_category_id_registration_categories_id_fk" FOREIGN KEY ("default_category_id") REFERENCES "public"."registration_categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."delegations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_category_id_registration_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."registration_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "private_files" ADD CONSTRAINT "private_files_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_links_delegation_idx" ON "access_links" USING btree ("delegation_id");--> statement-breakpoint
CREATE INDEX "access_links_participant_idx" ON "access_links" USING btree ("participant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "registration_categories_event_code_key" ON "registration_categories" USING btree ("event_id","code");--> statement-breakpoint
CREATE INDEX "delegations_event_idx" ON "delegations" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "participants_event_email_key" ON "participants" USING btree ("event_id","email");--> statement-breakpoint
CREATE INDEX "participants_event_status_idx" ON "participants" USING btree ("event_id","status","id");--> statement-breakpoint
CREATE INDEX "participants_event_category_idx" ON "participants" USING btree ("event_id","category_id");--> statement-breakpoint
CREATE INDEX "participants_delegation_idx" ON "participants" USING btree ("delegation_id");--> statement-breakpoint
CREATE INDEX "participants_identity_idx" ON "participants" USING btree ("event_id","identity_hash");