ALTER TYPE "public"."notification_status" ADD VALUE 'failed';--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "resources_title_search_idx" ON "resources" USING gin (to_tsvector('english', "title"));--> statement-breakpoint
-- hand-written: mail that failed before failed_at existed gets the time of its last lease, the closest record of its last attempt.
UPDATE "outbox" SET "failed_at" = "next_attempt_at" WHERE "status" = 'failed' AND "failed_at" IS NULL;
