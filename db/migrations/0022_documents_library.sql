CREATE TABLE "library_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"symbol" text NOT NULL,
	"prefix" text NOT NULL,
	"series" text NOT NULL,
	"number" integer NOT NULL,
	"parent_id" integer,
	"suffix" text,
	"suffix_number" integer,
	"kind" text NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"original_language" text NOT NULL,
	"issued_on" date,
	"state" text DEFAULT 'draft' NOT NULL,
	"access" text DEFAULT 'public' NOT NULL,
	"access_category_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"access_delegation_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"document_id" integer NOT NULL,
	"language" text NOT NULL,
	"version" integer NOT NULL,
	"file_id" integer NOT NULL,
	"text" text,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "library_search" (
	"document_id" integer NOT NULL,
	"event_id" integer NOT NULL,
	"language" text NOT NULL,
	"config" text NOT NULL,
	"tsv" "tsvector" NOT NULL,
	CONSTRAINT "library_search_document_id_language_pk" PRIMARY KEY("document_id","language")
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "document_prefix" text;--> statement-breakpoint
ALTER TABLE "library_documents" ADD CONSTRAINT "library_documents_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_documents" ADD CONSTRAINT "library_documents_parent_id_library_documents_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."library_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_documents" ADD CONSTRAINT "library_documents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_files" ADD CONSTRAINT "library_files_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_files" ADD CONSTRAINT "library_files_document_id_library_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."library_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_files" ADD CONSTRAINT "library_files_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_files" ADD CONSTRAINT "library_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_search" ADD CONSTRAINT "library_search_document_id_library_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."library_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_search" ADD CONSTRAINT "library_search_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "library_documents_event_symbol_key" ON "library_documents" USING btree ("event_id","symbol");--> statement-breakpoint
CREATE INDEX "library_documents_parent_idx" ON "library_documents" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "library_files_document_language_version_key" ON "library_files" USING btree ("document_id","language","version");--> statement-breakpoint
CREATE INDEX "library_search_event_idx" ON "library_search" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "library_search_tsv_idx" ON "library_search" USING gin ("tsv");