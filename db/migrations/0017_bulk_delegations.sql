ALTER TABLE "delegations" ADD COLUMN "invited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "registration_imports" ADD COLUMN "kind" text DEFAULT 'participants' NOT NULL;--> statement-breakpoint
ALTER TABLE "registration_imports" ADD COLUMN "past_deadlines_confirmed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Every delegation made before imports was invited as it was created.
UPDATE "delegations" SET "invited_at" = "created_at";
