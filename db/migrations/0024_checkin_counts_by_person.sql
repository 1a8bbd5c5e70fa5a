CREATE TABLE "checkin_list_people" (
	"event_id" integer NOT NULL,
	"participant_id" integer NOT NULL,
	"list_id" integer NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "checkin_list_people_event_id_participant_id_list_id_day_pk" PRIMARY KEY("event_id","participant_id","list_id","day")
);
--> statement-breakpoint
DROP INDEX "checkin_scan_outcomes_event_idx";--> statement-breakpoint
ALTER TABLE "checkin_scan_outcomes" ADD COLUMN "list_id" integer;--> statement-breakpoint
ALTER TABLE "checkin_scan_outcomes" ADD COLUMN "scanned_at" timestamp with time zone;--> statement-breakpoint
-- Repeats already derived take their scan's list and time.
UPDATE "checkin_scan_outcomes" o SET "list_id" = s."list_id", "scanned_at" = s."scanned_at" FROM "checkin_scans" s WHERE s."id" = o."scan_id";--> statement-breakpoint
ALTER TABLE "checkin_scan_outcomes" ALTER COLUMN "list_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "checkin_scan_outcomes" ALTER COLUMN "scanned_at" SET NOT NULL;--> statement-breakpoint
-- Who was let in per list and day, from the scans stored so far: an admitted scan that repeats no other.
INSERT INTO "checkin_list_people" ("event_id", "participant_id", "list_id", "day")
SELECT DISTINCT s."event_id", s."participant_id", s."list_id", (s."scanned_at" AT TIME ZONE e."timezone")::date
FROM "checkin_scans" s
JOIN "events" e ON e."id" = s."event_id"
LEFT JOIN "checkin_scan_outcomes" o ON o."scan_id" = s."id"
WHERE s."participant_id" IS NOT NULL AND s."shown" <> 'refused' AND o."duplicate_of" IS NULL;--> statement-breakpoint
ALTER TABLE "checkin_list_people" ADD CONSTRAINT "checkin_list_people_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_list_people" ADD CONSTRAINT "checkin_list_people_list_id_checkin_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."checkin_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checkin_list_people_day_idx" ON "checkin_list_people" USING btree ("event_id","day","list_id");--> statement-breakpoint
CREATE INDEX "checkin_scan_outcomes_day_idx" ON "checkin_scan_outcomes" USING btree ("event_id","scanned_at","list_id") WHERE "checkin_scan_outcomes"."duplicate_of" is not null;--> statement-breakpoint
CREATE INDEX "checkin_scans_refused_idx" ON "checkin_scans" USING btree ("event_id","scanned_at","list_id") WHERE "checkin_scans"."shown" = 'refused';