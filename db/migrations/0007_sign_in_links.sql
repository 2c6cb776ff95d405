CREATE TABLE "sign_in_links" (
	"identifier" text PRIMARY KEY NOT NULL,
	"sealed_url" text NOT NULL,
	"expires" timestamp with time zone NOT NULL,
	"resends" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
