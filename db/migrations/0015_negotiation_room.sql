CREATE TABLE "negotiation_amendments" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"document_id" integer NOT NULL,
	"paragraph_id" integer NOT NULL,
	"parent_id" integer,
	"delegation_id" integer NOT NULL,
	"kind" text NOT NULL,
	"language" text NOT NULL,
	"proposed_text" text DEFAULT '' NOT NULL,
	"after_paragraph_id" integer,
	"new_paragraph_kind" text,
	"original_version_id" integer NOT NULL,
	"original_start" integer NOT NULL,
	"original_end" integer NOT NULL,
	"original_text" text NOT NULL,
	"anchor_version_id" integer NOT NULL,
	"anchor_start" integer NOT NULL,
	"anchor_end" integer NOT NULL,
	"anchor_text" text NOT NULL,
	"anchor_state" text DEFAULT 'current' NOT NULL,
	"state" text DEFAULT 'submitted' NOT NULL,
	"folded_into_revision_id" integer,
	"submitted_by" integer,
	"submitted_by_participant_id" integer,
	"received_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_cosponsors" (
	"amendment_id" integer NOT NULL,
	"delegation_id" integer NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "negotiation_cosponsors_amendment_id_delegation_id_pk" PRIMARY KEY("amendment_id","delegation_id")
);
--> statement-breakpoint
CREATE TABLE "negotiation_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"symbol" text NOT NULL,
	"title" jsonb NOT NULL,
	"negotiating_language" text NOT NULL,
	"state" text DEFAULT 'negotiating' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_paragraph_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"revision_id" integer NOT NULL,
	"paragraph_id" integer NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"text" jsonb NOT NULL,
	"status" text DEFAULT 'bracketed' NOT NULL,
	"brackets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"split_from_id" integer,
	"merged_into_id" integer
);
--> statement-breakpoint
CREATE TABLE "negotiation_paragraphs" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"document_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_revisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"document_id" integer NOT NULL,
	"number" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"aligned" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"issued_at" timestamp with time zone,
	"issued_by" integer,
	"silence_until" timestamp with time zone,
	"silence_body" jsonb,
	"silence_broken_at" timestamp with time zone,
	"adopted_at" timestamp with time zone,
	"adopted_how" text,
	"adopted_through" text,
	"adopted_by" jsonb,
	"votes" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_silence_breaks" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"revision_id" integer NOT NULL,
	"delegation_id" integer NOT NULL,
	"kind" text NOT NULL,
	"amendment_id" integer,
	"note" text DEFAULT '' NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "negotiation_statements" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"revision_id" integer NOT NULL,
	"delegation_id" integer NOT NULL,
	"paragraph_id" integer,
	"kind" text NOT NULL,
	"original_language" text NOT NULL,
	"text" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "negotiation_amendments" ADD CONSTRAINT "negotiation_amendments_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_amendments" ADD CONSTRAINT "negotiation_amendments_document_id_negotiation_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."negotiation_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_amendments" ADD CONSTRAINT "negotiation_amendments_paragraph_id_negotiation_paragraphs_id_fk" FOREIGN KEY ("paragraph_id") REFERENCES "public"."negotiation_paragraphs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_amendments" ADD CONSTRAINT "negotiation_amendments_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."delegations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_amendments" ADD CONSTRAINT "negotiation_amendments_after_paragraph_id_negotiation_paragraphs_id_fk" FOREIGN KEY ("after_paragraph_id") REFERENCES "public"."negotiation_paragraphs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_amendments" ADD CONSTRAINT "negotiation_amendments_original_version_id_negotiation_paragraph_versions_id_fk" FOREIGN KEY ("original_version_id") REFERENCES "public"."negotiation_paragraph_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_amendments" ADD CONSTRAINT "negotiation_amendments_anchor_version_id_negotiation_paragraph_versions_id_fk" FOREIGN KEY ("anchor_version_id") REFERENCES "public"."negotiation_paragraph_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_amendments" ADD CONSTRAINT "negotiation_amendments_folded_into_revision_id_negotiation_revisions_id_fk" FOREIGN KEY ("folded_into_revision_id") REFERENCES "public"."negotiation_revisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_amendments" ADD CONSTRAINT "negotiation_amendments_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_cosponsors" ADD CONSTRAINT "negotiation_cosponsors_amendment_id_negotiation_amendments_id_fk" FOREIGN KEY ("amendment_id") REFERENCES "public"."negotiation_amendments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_cosponsors" ADD CONSTRAINT "negotiation_cosponsors_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."delegations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_documents" ADD CONSTRAINT "negotiation_documents_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_paragraph_versions" ADD CONSTRAINT "negotiation_paragraph_versions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_paragraph_versions" ADD CONSTRAINT "negotiation_paragraph_versions_revision_id_negotiation_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."negotiation_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_paragraph_versions" ADD CONSTRAINT "negotiation_paragraph_versions_paragraph_id_negotiation_paragraphs_id_fk" FOREIGN KEY ("paragraph_id") REFERENCES "public"."negotiation_paragraphs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_paragraph_versions" ADD CONSTRAINT "negotiation_paragraph_versions_split_from_id_negotiation_paragraphs_id_fk" FOREIGN KEY ("split_from_id") REFERENCES "public"."negotiation_paragraphs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_paragraph_versions" ADD CONSTRAINT "negotiation_paragraph_versions_merged_into_id_negotiation_paragraphs_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."negotiation_paragraphs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_paragraphs" ADD CONSTRAINT "negotiation_paragraphs_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_paragraphs" ADD CONSTRAINT "negotiation_paragraphs_document_id_negotiation_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."negotiation_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_revisions" ADD CONSTRAINT "negotiation_revisions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_revisions" ADD CONSTRAINT "negotiation_revisions_document_id_negotiation_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."negotiation_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_revisions" ADD CONSTRAINT "negotiation_revisions_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_silence_breaks" ADD CONSTRAINT "negotiation_silence_breaks_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_silence_breaks" ADD CONSTRAINT "negotiation_silence_breaks_revision_id_negotiation_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."negotiation_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_silence_breaks" ADD CONSTRAINT "negotiation_silence_breaks_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."delegations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_silence_breaks" ADD CONSTRAINT "negotiation_silence_breaks_amendment_id_negotiation_amendments_id_fk" FOREIGN KEY ("amendment_id") REFERENCES "public"."negotiation_amendments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_statements" ADD CONSTRAINT "negotiation_statements_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_statements" ADD CONSTRAINT "negotiation_statements_revision_id_negotiation_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."negotiation_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_statements" ADD CONSTRAINT "negotiation_statements_delegation_id_delegations_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."delegations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_statements" ADD CONSTRAINT "negotiation_statements_paragraph_id_negotiation_paragraphs_id_fk" FOREIGN KEY ("paragraph_id") REFERENCES "public"."negotiation_paragraphs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "negotiation_amendments_document_idx" ON "negotiation_amendments" USING btree ("document_id","id");--> statement-breakpoint
CREATE INDEX "negotiation_amendments_anchor_idx" ON "negotiation_amendments" USING btree ("anchor_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "negotiation_documents_event_symbol_key" ON "negotiation_documents" USING btree ("event_id","symbol");--> statement-breakpoint
CREATE UNIQUE INDEX "negotiation_paragraph_versions_revision_paragraph_key" ON "negotiation_paragraph_versions" USING btree ("revision_id","paragraph_id");--> statement-breakpoint
CREATE INDEX "negotiation_paragraph_versions_paragraph_idx" ON "negotiation_paragraph_versions" USING btree ("paragraph_id");--> statement-breakpoint
CREATE INDEX "negotiation_paragraphs_document_idx" ON "negotiation_paragraphs" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "negotiation_revisions_document_number_key" ON "negotiation_revisions" USING btree ("document_id","number");--> statement-breakpoint
CREATE INDEX "negotiation_silence_breaks_revision_idx" ON "negotiation_silence_breaks" USING btree ("revision_id");--> statement-breakpoint
CREATE INDEX "negotiation_statements_revision_idx" ON "negotiation_statements" USING btree ("revision_id");