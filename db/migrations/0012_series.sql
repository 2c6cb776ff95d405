CREATE TYPE "public"."series_frequency" AS ENUM('weekly', 'biweekly', 'monthly');--> statement-breakpoint
CREATE TABLE "event_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"frequency" "series_frequency" NOT NULL,
	"monthly_week" integer,
	"time_zone" text NOT NULL,
	"first_date" text NOT NULL,
	"until_date" text,
	"occurrence_count" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_series_monthly_week" CHECK (("event_series"."frequency" = 'monthly') = ("event_series"."monthly_week" is not null)),
	CONSTRAINT "event_series_ends_once" CHECK (("event_series"."until_date" is null) <> ("event_series"."occurrence_count" is null))
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "series_id" uuid;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "series_edited_fields" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "event_series" ADD CONSTRAINT "event_series_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_series_id_event_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."event_series"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_series_starts_idx" ON "events" USING btree ("series_id","starts_at") WHERE series_id is not null;