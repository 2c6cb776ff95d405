ALTER TABLE "resources" ADD COLUMN "captions_storage_key" text;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "captions_file_name" text;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "captions_format" text;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "captions_size_bytes" integer;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "captions_cue_count" integer;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "captions_attested_by" uuid;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "captions_attested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "transcript_storage_key" text;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "transcript_file_name" text;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "transcript_mime_type" text;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "transcript_size_bytes" integer;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "transcript_text" text;--> statement-breakpoint
ALTER TABLE "resources" ADD COLUMN "draft" boolean GENERATED ALWAYS AS ((type = 'recording' or coalesce(mime_type, '') like 'video/%') and ((captions_storage_key is null and captions_attested_at is null) or (transcript_storage_key is null and transcript_text is null))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_captions_attested_by_users_id_fk" FOREIGN KEY ("captions_attested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;