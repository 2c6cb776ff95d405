CREATE TYPE "public"."calendar_invite_state" AS ENUM('sent', 'cancelled');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'event_update';--> statement-breakpoint
CREATE TABLE "calendar_invites" (
	"rsvp_id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"uid" text NOT NULL,
	"sequence" integer NOT NULL,
	"state" "calendar_invite_state" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_invites" ADD CONSTRAINT "calendar_invites_rsvp_id_rsvps_id_fk" FOREIGN KEY ("rsvp_id") REFERENCES "public"."rsvps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_invites" ADD CONSTRAINT "calendar_invites_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_invites" ADD CONSTRAINT "calendar_invites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_invites_event_idx" ON "calendar_invites" USING btree ("event_id","state");--> statement-breakpoint
CREATE INDEX "calendar_invites_user_idx" ON "calendar_invites" USING btree ("user_id");--> statement-breakpoint
-- hand-written: invites already in members' calendars, so their updates and CANCEL still reach them.
-- Before this table every REQUEST/CANCEL carried the event's SEQUENCE and the UID <event id>@convene.
-- A going member has the invite if calendar invites were on, or if a reminder (which attached a REQUEST
-- whatever the preference) was sent; a cancelled RSVP whose member had invites on received the CANCEL.
-- Waitlisted members never got one. Only events still to come matter.
INSERT INTO "calendar_invites" ("rsvp_id", "event_id", "user_id", "uid", "sequence", "state")
SELECT r."id", r."event_id", r."user_id", e."id" || '@convene', e."sequence",
       (CASE WHEN r."status" = 'going' THEN 'sent' ELSE 'cancelled' END)::"calendar_invite_state"
FROM "rsvps" r
JOIN "events" e ON e."id" = r."event_id"
JOIN "users" u ON u."id" = r."user_id"
WHERE e."status" = 'published' AND e."ends_at" > now()
  AND ((r."status" = 'going' AND (u."invite_emails" OR EXISTS (
          SELECT 1 FROM "notifications" n
          WHERE n."event_id" = r."event_id" AND n."user_id" = r."user_id" AND n."status" = 'sent'
            AND n."kind" IN ('reminder_day', 'reminder_hour'))))
    OR (r."status" = 'cancelled' AND u."invite_emails"));
