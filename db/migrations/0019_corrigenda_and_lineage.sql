CREATE TABLE "negotiation_corrigenda" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"revision_id" integer NOT NULL,
	"number" integer NOT NULL,
	"language" text NOT NULL,
	"changes" jsonb NOT NULL,
	"note" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" integer
);
--> statement-breakpoint
CREATE TABLE "negotiation_lineage" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"document_id" integer NOT NULL,
	"earlier_document_id" integer,
	"title" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"symbol" text DEFAULT '' NOT NULL,
	"year" integer,
	"url" text DEFAULT '' NOT NULL,
	"text" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "negotiation_corrigenda" ADD CONSTRAINT "negotiation_corrigenda_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_corrigenda" ADD CONSTRAINT "negotiation_corrigenda_revision_id_negotiation_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."negotiation_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_corrigenda" ADD CONSTRAINT "negotiation_corrigenda_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_lineage" ADD CONSTRAINT "negotiation_lineage_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_lineage" ADD CONSTRAINT "negotiation_lineage_document_id_negotiation_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."negotiation_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negotiation_lineage" ADD CONSTRAINT "negotiation_lineage_earlier_document_id_negotiation_documents_id_fk" FOREIGN KEY ("earlier_document_id") REFERENCES "public"."negotiation_documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "negotiation_corrigenda_number_idx" ON "negotiation_corrigenda" USING btree ("revision_id","number");--> statement-breakpoint
CREATE INDEX "negotiation_lineage_document_idx" ON "negotiation_lineage" USING btree ("document_id");