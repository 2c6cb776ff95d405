CREATE TYPE "public"."government_level" AS ENUM('federal', 'state', 'local', 'tribal', 'other');--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "organization" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "government_level" "government_level";