CREATE TABLE "online_joins" (
	"event_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"participant_id" integer NOT NULL,
	"channel" text,
	"first_joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"joins" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "online_joins_session_id_participant_id_pk" PRIMARY KEY("session_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "session_online" (
	"session_id" integer PRIMARY KEY NOT NULL,
	"event_id" integer NOT NULL,
	"provider" text NOT NULL,
	"join_url" text NOT NULL,
	"channels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"livestream_url" text,
	"allow_in_person" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "online_joins" ADD CONSTRAINT "online_joins_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "online_joins" ADD CONSTRAINT "online_joins_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_online" ADD CONSTRAINT "session_online_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_online" ADD CONSTRAINT "session_online_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "online_joins_event_idx" ON "online_joins" USING btree ("event_id");