CREATE INDEX "events_published_tags_idx" ON "events" USING btree ("tags") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "resources_topic_lists_idx" ON "resources" USING btree ("topics");--> statement-breakpoint
CREATE INDEX "users_member_count_idx" ON "users" USING btree ((true)) WHERE guidelines_accepted_at is not null and disabled_at is null;