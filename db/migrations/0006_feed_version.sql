CREATE TABLE "feed_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"bumped_by" bigint,
	CONSTRAINT "feed_version_one_row" CHECK ("feed_version"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "revoked_feed_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"revoked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- hand-written: the version's one row, started no earlier than the newest public event's
-- updated_at (the Last-Modified the feed answered before this migration), so it never goes back.
INSERT INTO "feed_version" ("id", "version", "changed_at")
SELECT 1, 0, greatest(now(), coalesce(max("updated_at"), now())) FROM "events" WHERE "status" IN ('published', 'cancelled');
--> statement-breakpoint
-- hand-written: raises the version when a row the community feed shows (published or cancelled)
-- is added, changed or leaves it (unpublished, deleted). changed_at goes up a whole second per
-- transaction, and never below the changed row's updated_at.
CREATE FUNCTION "bump_feed_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  stamp timestamptz := date_trunc('second', clock_timestamp());
BEGIN
  IF NOT ((TG_OP <> 'INSERT' AND OLD.status IN ('published', 'cancelled'))
          OR (TG_OP <> 'DELETE' AND NEW.status IN ('published', 'cancelled'))) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    stamp := greatest(stamp, date_trunc('second', NEW.updated_at));
  END IF;
  UPDATE "feed_version" SET
    "version" = "version" + 1,
    "changed_at" = CASE WHEN "bumped_by" = txid_current() THEN greatest("changed_at", stamp)
                        ELSE greatest(stamp, date_trunc('second', "changed_at") + interval '1 second') END,
    "bumped_by" = txid_current()
  WHERE "id" = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "events_bump_feed_version" AFTER INSERT OR UPDATE OR DELETE ON "events"
FOR EACH ROW EXECUTE FUNCTION "bump_feed_version"();
--> statement-breakpoint
-- hand-written: a feed link that is replaced, turned off or deleted with its account is remembered
-- (its hash only), so it answers an empty calendar instead of a 404.
CREATE FUNCTION "remember_revoked_feed_token"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.token_hash IS DISTINCT FROM OLD.token_hash THEN
    INSERT INTO "revoked_feed_tokens" ("token_hash") VALUES (OLD.token_hash) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "feed_tokens_remember_revoked" AFTER UPDATE OR DELETE ON "feed_tokens"
FOR EACH ROW EXECUTE FUNCTION "remember_revoked_feed_token"();
