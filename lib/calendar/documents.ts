import "server-only";
import { createHash } from "node:crypto";
import { COMMUNITY_NAME } from "@/lib/site";
import { buildCalendar } from "./ics";
import type { InviteEvent } from "./types";

// Kept apart from feeds.ts so that building a feed's text needs no database or session
// code: the benchmark runs it outside Next.

/** A calendar body with what HTTP caching needs to know about it. */
export type CalendarDocument = { body: string; etag: string; lastModified: Date | null };

export const FEED_PAST_DAYS = 90;
// A feed is read every hour by every subscriber; past this many events the oldest past ones are left out (feeds.ts).
export const FEED_MAX_EVENTS = 1000;
export const FEED_REFRESH_MINUTES = 60;
export const COMMUNITY_FEED_NAME = `${COMMUNITY_NAME} events`;
export const PERSONAL_FEED_NAME = `My ${COMMUNITY_NAME} events`;

export function documentFor(body: string, lastModified: Date | null): CalendarDocument {
  const etag = `"${createHash("sha256").update(body, "utf8").digest("base64url").slice(0, 32)}"`;
  return { body, etag, lastModified };
}

export function latest(dates: Date[]): Date | null {
  return dates.reduce<Date | null>((max, date) => (!max || date > max ? date : max), null);
}

/** The community feed's text for events already loaded. */
export function buildCommunityCalendar(list: InviteEvent[]): CalendarDocument {
  const body = buildCalendar({
    method: "PUBLISH",
    events: list,
    name: COMMUNITY_FEED_NAME,
    refreshMinutes: FEED_REFRESH_MINUTES,
  });
  return documentFor(body, latest(list.map((event) => event.updatedAt)));
}
