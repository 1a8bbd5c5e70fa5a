-- The trigram index below needs pg_trgm (bundled with PGlite; in PostgreSQL's contrib, a trusted extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "participants_event_name_idx" ON "participants" USING btree ("event_id","family_name","given_name","id");--> statement-breakpoint
CREATE INDEX "participants_event_status_name_idx" ON "participants" USING btree ("event_id","status","family_name","given_name","id");--> statement-breakpoint
CREATE INDEX "participants_search_idx" ON "participants" USING gin (("family_name" || ' ' || "given_name" || ' ' || "email" || ' ' || coalesce("organisation", '')) gin_trgm_ops);