CREATE TYPE "public"."accommodation_status" AS ENUM('received', 'arranged', 'unavailable');--> statement-breakpoint
CREATE TABLE "accommodation_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"other" text,
	"status" "accommodation_status" DEFAULT 'received' NOT NULL,
	"organizer_note" text,
	"late" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accommodation_requests_needs_known" CHECK (needs <@ array['cart', 'asl', 'audio_description', 'materials_in_advance', 'large_print']::text[]),
	CONSTRAINT "accommodation_requests_something_asked" CHECK (cardinality("accommodation_requests"."needs") > 0 or "accommodation_requests"."other" is not null),
	CONSTRAINT "accommodation_requests_other_bounded" CHECK (char_length(other) <= 500),
	CONSTRAINT "accommodation_requests_note_bounded" CHECK (char_length(organizer_note) <= 500)
);
--> statement-breakpoint
ALTER TABLE "accommodation_requests" ADD CONSTRAINT "accommodation_requests_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accommodation_requests" ADD CONSTRAINT "accommodation_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accommodation_requests_event_user_key" ON "accommodation_requests" USING btree ("event_id","user_id");--> statement-breakpoint
CREATE INDEX "accommodation_requests_user_idx" ON "accommodation_requests" USING btree ("user_id");