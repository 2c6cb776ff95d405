CREATE TABLE "allowed_domains" (
	"domain" text PRIMARY KEY NOT NULL,
	"organization" text NOT NULL,
	"level" "government_level" NOT NULL,
	"reason" text NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "audience_levels" "government_level"[] DEFAULT '{}'::government_level[] NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "audience_domains" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "allowed_domains" ADD CONSTRAINT "allowed_domains_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;