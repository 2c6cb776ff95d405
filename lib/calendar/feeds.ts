import "server-only";
import { and, asc, desc, eq, gt, gte, lte, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { events, feedVersion, rsvps } from "@/db/schema";
import {
  buildCommunityCalendar,
  documentFor,
  FEED_MAX_EVENTS,
  FEED_PAST_DAYS,
  FEED_REFRESH_MINUTES,
  latest,
  PERSONAL_FEED_NAME,
  type CalendarDocument,
} from "./documents";
import { isPublicEvent, MAX_EVENT_DURATION_MS } from "@/lib/events/public";
import { cacheTags, SHARED_CACHE_SECONDS, sharedCache } from "@/lib/cache/shared-cache";
import { findFeedOwner } from "./feed-tokens";
import { buildCalendar, type CalendarEntry } from "./ics";
import { encodedBody } from "./encoded-body";
// No join URL in calendarColumns: they feed public files, and what is never selected cannot leak.
import { calendarColumns, inviteColumns } from "@/lib/events/model";

function feedWindowStart(now: Date) {
  return new Date(now.getTime() - FEED_PAST_DAYS * 24 * 60 * 60 * 1000);
}

/**
 * The cap's rule: every event not over yet, then the most recent past ones (back to
 * FEED_PAST_DAYS) while there is room, so the cap drops the oldest past events first and
 * never an upcoming one. `read` runs one range: upcoming soonest first, then past newest
 * first. The rows come back in start order.
 */
async function upcomingThenRecent<T>(
  now: Date,
  read: (range: SQL, order: SQL, limit: number) => Promise<T[]>,
  eventOf: (row: T) => { startsAt: Date; id: string },
): Promise<T[]> {
  // No event lasts longer than MAX_EVENT_DURATION_MS, so this bound on starts_at lets its index serve "not over yet".
  const notOver = and(gt(events.endsAt, now), gte(events.startsAt, new Date(now.getTime() - MAX_EVENT_DURATION_MS)))!;
  const upcoming = await read(notOver, asc(events.startsAt), Number.MAX_SAFE_INTEGER);
  const room = FEED_MAX_EVENTS - upcoming.length;
  const past = room > 0 ? await read(and(lte(events.endsAt, now), gte(events.startsAt, feedWindowStart(now)))!, desc(events.startsAt), room) : [];
  return [...past, ...upcoming].sort((a, b) => {
    const [x, y] = [eventOf(a), eventOf(b)];
    return x.startsAt.getTime() - y.startsAt.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  });
}

/** One published or cancelled event as a file to download; drafts do not exist here. */
export async function getEventCalendar({ slug }: { slug: string }): Promise<CalendarDocument | null> {
  const db = await getDb();
  const [row] = await db
    .select(calendarColumns)
    .from(events)
    .where(and(eq(events.slug, slug), isPublicEvent))
    .limit(1);
  if (!row) return null;
  const body = buildCalendar({ method: "PUBLISH", events: [{ ...row, joinUrl: null }] });
  return documentFor(body, row.updatedAt);
}

/**
 * Published and cancelled events from 90 days back onward (cancelled ones so that
 * subscribers' calendars drop them). The range on starts_at is served by
 * events_status_starts_idx.
 */
export async function getCommunityFeed({ now }: { now?: Date } = {}): Promise<CalendarDocument> {
  if (now) return readCommunityFeed(now);
  const version = await cachedCommunityVersion();
  // A version whose body is no longer here was replaced by a rebuild since: read afresh.
  if (latestCommunityFeed?.etag === version.etag) return latestCommunityFeed;
  return rememberCommunityFeed(await readCommunityFeed(new Date()));
}

/**
 * Next's data cache keeps entries as JSON and parses them on every read; for this
 * feed (hundreds of KB) that parse would be most of each request. So the cached
 * entry is only the document's version, one entry, and the body it names stays in
 * this process. Both live in this process's memory (next.config.ts), so polls
 * cost neither a query, an ICS build nor a parse.
 */
let latestCommunityFeed: CalendarDocument | null = null;

function rememberCommunityFeed(document: CalendarDocument): CalendarDocument {
  latestCommunityFeed = document;
  return document;
}

const cachedCommunityVersion = sharedCache(
  async (): Promise<Omit<CalendarDocument, "body">> => {
    const { etag, lastModified } = rememberCommunityFeed(await readCommunityFeed(new Date()));
    return { etag, lastModified };
  },
  "calendar:community",
  { tags: () => [cacheTags.events], revalidate: SHARED_CACHE_SECONDS },
);

/**
 * The feed's version (migration 0005: a trigger raises it whenever a published or
 * cancelled event changes, is unpublished or deleted). Read before the events, so a
 * change committed in between is in the body and never missing under a newer date.
 */
async function readFeedVersion(): Promise<{ changedAt: Date }> {
  const db = await getDb();
  const [row] = await db.select({ changedAt: feedVersion.changedAt }).from(feedVersion).where(eq(feedVersion.id, 1));
  return row ?? { changedAt: new Date(0) };
}

async function readCommunityFeed(now: Date): Promise<CalendarDocument> {
  const { changedAt } = await readFeedVersion();
  const db = await getDb();
  const rows = await upcomingThenRecent(
    now,
    (range, order, limit) => db.select(calendarColumns).from(events).where(and(isPublicEvent, range)).orderBy(order, asc(events.id)).limit(limit),
    (row) => row,
  );
  const document = buildCommunityCalendar(rows.map((row) => ({ ...row, joinUrl: null })));
  // Last-Modified is the version's time, which only goes forward: an unpublished event's
  // removal is newer than anything still listed. The ETag stays the body's hash: a client's
  // tag matches only while it holds exactly this body, so it can never keep a removed event.
  return { ...document, lastModified: changedAt };
}

/**
 * A member's own RSVPs: going is CONFIRMED with the join link, waitlisted is
 * TENTATIVE. An empty calendar for a link that was replaced or revoked; null for one that never existed.
 */
export async function getPersonalFeed({ token, now = new Date() }: { token: string; now?: Date }): Promise<CalendarDocument | null> {
  const user = await findFeedOwner(token);
  if (!user) return null;
  // A revoked link answers a calendar with nothing in it: subscribed apps then drop the entries and their join links.
  if (user === "revoked") return documentFor(personalCalendar([]), null);
  const db = await getDb();
  // Cancelled RSVPs are read too: leaving an event changes the feed, so its time counts for Last-Modified.
  const rows = await upcomingThenRecent(
    now,
    (range, order, limit) =>
      db
        .select({ event: inviteColumns, rsvpStatus: rsvps.status, rsvpUpdatedAt: rsvps.updatedAt })
        .from(rsvps)
        .innerJoin(events, eq(events.id, rsvps.eventId))
        .where(and(eq(rsvps.userId, user.id), isPublicEvent, range))
        .orderBy(order, asc(events.id))
        .limit(limit),
    (row) => row.event,
  );

  const entries: CalendarEntry[] = [];
  for (const { event, rsvpStatus, rsvpUpdatedAt } of rows) {
    if (rsvpStatus === "cancelled") continue;
    entries.push({
      event,
      status: rsvpStatus === "going" ? "CONFIRMED" : "TENTATIVE",
      showJoinUrl: rsvpStatus === "going",
      revisedAt: rsvpUpdatedAt > event.updatedAt ? rsvpUpdatedAt : event.updatedAt,
    });
  }
  return documentFor(personalCalendar(entries), latest(rows.flatMap((row) => [row.event.updatedAt, row.rsvpUpdatedAt])));
}

function personalCalendar(entries: CalendarEntry[]): string {
  return buildCalendar({ method: "PUBLISH", events: entries, name: PERSONAL_FEED_NAME, refreshMinutes: FEED_REFRESH_MINUTES });
}

export const COMMUNITY_CACHE_CONTROL = "public, max-age=300";
/**
 * The community feed is the same bytes for every subscriber, up to megabytes of them: `no-transform`
 * keeps Next from gzipping it anew for every poll (58 ms of CPU and several MB of buffers per
 * response for a 3 MB feed in BENCHMARKS.md). Most polls are 304s; a proxy or CDN in front may
 * compress it once and keep that.
 */
export const COMMUNITY_FEED_CACHE_CONTROL = `${COMMUNITY_CACHE_CONTROL}, no-transform`;
// The URL is the secret: no shared cache may keep a copy, and the browser need not either.
export const PERSONAL_CACHE_CONTROL = "private, no-store";

/**
 * Answers with the calendar, or 304 when the client already has this version. As
 * RFC 9110 asks, If-Modified-Since counts only when there is no If-None-Match.
 */
export function calendarResponse(
  request: Request,
  document: CalendarDocument,
  {
    cacheControl,
    filename,
    extraHeaders,
    preEncoded = false,
  }: {
    cacheControl: string;
    filename?: string;
    extraHeaders?: Record<string, string>;
    /** A long-lived document (the community feed): its bytes are encoded once (encoded-body.ts). */
    preEncoded?: boolean;
  },
): Response {
  const headers = new Headers({ ...extraHeaders, ETag: document.etag, "Cache-Control": cacheControl });
  if (document.lastModified) headers.set("Last-Modified", document.lastModified.toUTCString());
  if (isNotModified(request.headers, document)) return new Response(null, { status: 304, headers });

  headers.set("Content-Type", "text/calendar; charset=utf-8");
  headers.set("X-Content-Type-Options", "nosniff");
  if (filename) headers.set("Content-Disposition", `attachment; filename="${safeFilename(filename)}"`);
  if (!preEncoded) return new Response(document.body, { status: 200, headers });
  // Node's Buffers are Uint8Arrays over a plain ArrayBuffer, which is what a Response body takes.
  return new Response(encodedBody(document) as Uint8Array<ArrayBuffer>, { status: 200, headers });
}

export function isNotModified(requestHeaders: Headers, document: CalendarDocument): boolean {
  const ifNoneMatch = requestHeaders.get("if-none-match");
  if (ifNoneMatch !== null) {
    const ours = stripWeak(document.etag);
    return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || stripWeak(tag.trim()) === ours);
  }
  const ifModifiedSince = requestHeaders.get("if-modified-since");
  if (ifModifiedSince === null || !document.lastModified) return false;
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since)) return false;
  // HTTP dates have whole seconds; the stored time has milliseconds.
  return Math.floor(document.lastModified.getTime() / 1000) * 1000 <= since;
}

function stripWeak(tag: string) {
  return tag.startsWith("W/") ? tag.slice(2) : tag;
}

function safeFilename(name: string) {
  return name.replace(/[^A-Za-z0-9._-]/g, "-");
}

export function notFoundResponse(): Response {
  return new Response("Not found\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export async function eventCalendarResponse(request: Request, { slug }: { slug: string }): Promise<Response> {
  const document = await getEventCalendar({ slug });
  if (!document) return notFoundResponse();
  return calendarResponse(request, document, { cacheControl: COMMUNITY_CACHE_CONTROL, filename: `${slug}.ics` });
}

export async function communityFeedResponse(request: Request, { now }: { now?: Date } = {}): Promise<Response> {
  return calendarResponse(request, await getCommunityFeed({ now }), { cacheControl: COMMUNITY_FEED_CACHE_CONTROL, preEncoded: true });
}

/** `token` may carry the `.ics` the public URL ends with. */
export async function personalFeedResponse(request: Request, { token, now }: { token: string; now?: Date }): Promise<Response> {
  const document = await getPersonalFeed({ token: token.replace(/\.ics$/, ""), now });
  if (!document) return notFoundResponse();
  return calendarResponse(request, document, {
    cacheControl: PERSONAL_CACHE_CONTROL,
    // Keeps the secret URL out of Referer headers and search indexes.
    extraHeaders: { "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex" },
  });
}
