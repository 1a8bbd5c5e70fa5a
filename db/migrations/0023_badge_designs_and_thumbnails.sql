CREATE TABLE "badge_designs" (
	"id" serial PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"category_id" integer,
	"size" text NOT NULL,
	"layout" text NOT NULL,
	"sides" integer DEFAULT 1 NOT NULL,
	"front" jsonb NOT NULL,
	"band_position" text DEFAULT 'top' NOT NULL,
	"text_colour" text NOT NULL,
	"background_colour" text NOT NULL,
	"back_code" boolean DEFAULT true NOT NULL,
	"back_text" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "photo_thumbnails" (
	"file_id" integer PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"usable" boolean NOT NULL,
	"width" integer DEFAULT 0 NOT NULL,
	"height" integer DEFAULT 0 NOT NULL,
	"size" integer DEFAULT 0 NOT NULL,
	"data" "bytea",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "badge_print_batches" ALTER COLUMN "size" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "badge_print_batches" ALTER COLUMN "layout" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "badge_print_batches" ALTER COLUMN "sides" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "badge_print_batches" ALTER COLUMN "sides" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "badge_designs" ADD CONSTRAINT "badge_designs_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_designs" ADD CONSTRAINT "badge_designs_category_id_registration_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."registration_categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photo_thumbnails" ADD CONSTRAINT "photo_thumbnails_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photo_thumbnails" ADD CONSTRAINT "photo_thumbnails_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "badge_designs_event_default_key" ON "badge_designs" USING btree ("event_id") WHERE "badge_designs"."category_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "badge_designs_event_category_key" ON "badge_designs" USING btree ("event_id","category_id") WHERE "badge_designs"."category_id" is not null;