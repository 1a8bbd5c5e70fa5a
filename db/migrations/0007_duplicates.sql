CREATE TABLE "registration_distinct_pairs" (
	"event_id" integer NOT NULL,
	"low_id" integer NOT NULL,
	"high_id" integer NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registration_distinct_pairs_order" CHECK ("registration_distinct_pairs"."low_id" < "registration_distinct_pairs"."high_id")
);
--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "name_key" text GENERATED ALWAYS AS (btrim(regexp_replace(replace(lower(normalize(given_name || ' ' || family_name, NFKC)), 'ё', 'е'), '[^[:alnum:]]+', ' ', 'g'))) STORED;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "local_name_key" text GENERATED ALWAYS AS (nullif(btrim(regexp_replace(replace(lower(normalize(coalesce(given_name_local, '') || ' ' || coalesce(family_name_local, ''), NFKC)), 'ё', 'е'), '[^[:alnum:]]+', ' ', 'g')), '')) STORED;--> statement-breakpoint
ALTER TABLE "registration_distinct_pairs" ADD CONSTRAINT "registration_distinct_pairs_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_distinct_pairs" ADD CONSTRAINT "registration_distinct_pairs_low_id_participants_id_fk" FOREIGN KEY ("low_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_distinct_pairs" ADD CONSTRAINT "registration_distinct_pairs_high_id_participants_id_fk" FOREIGN KEY ("high_id") REFERENCES "public"."participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_distinct_pairs" ADD CONSTRAINT "registration_distinct_pairs_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "registration_distinct_pairs_key" ON "registration_distinct_pairs" USING btree ("event_id","low_id","high_id");--> statement-breakpoint
CREATE INDEX "registration_distinct_pairs_high_idx" ON "registration_distinct_pairs" USING btree ("high_id");--> statement-breakpoint
CREATE INDEX "participants_event_name_key_idx" ON "participants" USING btree ("event_id","name_key");--> statement-breakpoint
CREATE INDEX "participants_event_local_name_key_idx" ON "participants" USING btree ("event_id","local_name_key");