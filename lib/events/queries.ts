import "server-only";
import { and, arrayContains, asc, count, desc, eq, gte, lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { events, rsvps, users } from "@/db/schema";
import type { GovernmentLevel } from "@/lib/members/government-levels";
import { organizersEmail } from "@/lib/site";
import type { Viewer } from "@/lib/viewer";
import { audienceRefusal } from "./audience";
import { rowsOf } from "@/db/rows";
import { cacheTags, SHARED_CACHE_SECONDS, sharedCache } from "@/lib/cache/shared-cache";
import { isPublicEvent, MAX_EVENT_DURATION_MS } from "./public";
import { waitlistPositionOfR } from "./waitlist";
import { detailColumns, goingCount, summaryColumns, type EventDetail, type EventSummary } from "./model";
import { assertSearchText } from "@/lib/search/control-characters";

export const EVENTS_PAGE_SIZE = 12;
export const MAX_EVENTS_PAGE = 1000;

export type { EventDetail, EventSummary };

export type EventListPage = { items: EventSummary[]; total: number; page: number; pageCount: number };

export type EventFilters = {
  kind?: EventSummary["kind"];
  format?: EventSummary["format"];
  topic?: string;
  /** Words to find in the title or summary (PostgreSQL full-text search, GIN-indexed). */
  query?: string;
};

type ListArgs = {
  when: "upcoming" | "past";
  page?: number;
  pageSize?: number;
  now?: Date;
  filters?: EventFilters;
};

/**
 * The public calendar: published (and cancelled, so nobody misses the news) events.
 * The same for everyone, so the first pages without filters (what nearly every
 * visitor sees) come from the shared cache. Searches, filters and deep pages are
 * not cached: every distinct key is an entry kept on disk, and visitors choose them.
 */
export async function listPublicEvents(args: ListArgs): Promise<EventListPage> {
  const { now, filters = {}, ...rest } = args;
  assertSearchText(filters.query);
  assertSearchText(filters.topic);
  // Bounded before the cache sees it, so no odd page number becomes a cache entry of its own.
  const page = boundedPage(args.page);
  const plain = Object.values(filters).every((value) => value === undefined || value === "");
  if (now || !plain || page > CACHED_LIST_PAGES) return readPublicEvents({ ...args, page });
  return cachedPublicEvents({ ...rest, page });
}

function boundedPage(page: number | undefined): number {
  return page !== undefined && Number.isFinite(page) ? Math.min(Math.max(1, Math.trunc(page)), MAX_EVENTS_PAGE) : 1;
}

const CACHED_LIST_PAGES = 5;

// "Now" is read when the entry is made, so an event that just ended may stay listed until the entry refreshes.
const cachedPublicEvents = sharedCache((args: ListArgs) => readPublicEvents({ ...args, now: new Date() }), "events:list", {
  tags: () => [cacheTags.events],
  revalidate: SHARED_CACHE_SECONDS,
});

async function readPublicEvents({ when, page = 1, pageSize = EVENTS_PAGE_SIZE, now = new Date(), filters = {} }: ListArgs): Promise<EventListPage> {
  const db = await getDb();
  const query = filters.query?.trim();
  const where = and(
    isPublicEvent,
    // The starts_at bounds follow from the ends_at ones; they let the list walk
    // events_public_starts_idx in order and stop after one page.
    when === "upcoming"
      ? and(gte(events.endsAt, now), gte(events.startsAt, new Date(now.getTime() - MAX_EVENT_DURATION_MS)))
      : and(lt(events.endsAt, now), lt(events.startsAt, now)),
    filters.kind ? eq(events.kind, filters.kind) : undefined,
    filters.format ? eq(events.format, filters.format) : undefined,
    filters.topic ? arrayContains(events.tags, [filters.topic]) : undefined,
    query ? sql`${events.search} @@ websearch_to_tsquery('english', ${query})` : undefined,
  );
  const safePage = boundedPage(page);
  const [items, [totals]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(events)
      .where(where)
      .orderBy(when === "upcoming" ? asc(events.startsAt) : desc(events.startsAt), asc(events.id))
      .limit(pageSize)
      .offset((safePage - 1) * pageSize),
    db.select({ total: count() }).from(events).where(where),
  ]);
  const total = totals?.total ?? 0;
  return { items, total, page: safePage, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/**
 * An event page. Drafts exist only for organizers and admins: to anyone else a
 * draft is indistinguishable from a missing event.
 */
export async function getEventBySlug({ slug, viewer }: { slug: string; viewer: Viewer | null }): Promise<EventDetail | null> {
  // Organizers see drafts, which never go into the shared cache.
  if (canSeeDrafts(viewer)) return readEventBySlug(slug);
  try {
    return await cachedPublicEvent(slug);
  } catch (error) {
    if (error instanceof NotPublic) return null;
    throw error;
  }
}

// Thrown, not returned: a miss must not be cached, or any made-up slug would take a cache entry.
class NotPublic extends Error {}

const cachedPublicEvent = sharedCache(
  async (slug: string) => {
    const row = await readEventBySlug(slug);
    if (!row || row.status === "draft") throw new NotPublic();
    return row;
  },
  "events:by-slug",
  { tags: (slug) => [cacheTags.eventSlug(slug)], revalidate: SHARED_CACHE_SECONDS },
);

async function readEventBySlug(slug: string): Promise<EventDetail | null> {
  const db = await getDb();
  const [row] = await db.select(detailColumns).from(events).where(eq(events.slug, slug)).limit(1);
  return row ?? null;
}

function canSeeDrafts(viewer: Viewer | null) {
  return viewer?.role === "organizer" || viewer?.role === "admin";
}

/** Topics in use on public events, for the filter. Small: tags are a short controlled vocabulary. */
export const listEventTopics = sharedCache(readEventTopics, "events:topics", { tags: () => [cacheTags.events], revalidate: SHARED_CACHE_SECONDS });

async function readEventTopics(): Promise<string[]> {
  const db = await getDb();
  const result = await db.execute(
    sql`select distinct unnest(${events.tags}) as topic from ${events} where ${events.status} = 'published' order by 1 limit 100`,
  );
  return rowsOf<{ topic: string }>(result).map((row) => row.topic);
}

export type ViewerEventState = {
  rsvp: { status: "going" | "waitlisted" | "cancelled"; waitlistPosition: number | null } | null;
  /** Only people going, and organizers, may see where to join. */
  joinUrl: string | null;
  canManage: boolean;
  /** Counted now, not cached; null for a visitor, who gets the cached count. */
  goingCount: number | null;
  /** registry: why this member may not RSVP (the event is for others), or null; rsvpToEvent refuses the same. */
  audienceRefusal: string | null;
  /** The member's calendar holds our invite (lib/calendar/invites.ts), read in the same query. */
  hasInvite: boolean;
};

/** What an RSVP changes on the page, as the RSVP action answers it. */
export type RsvpView = {
  rsvp: ViewerEventState["rsvp"];
  joinUrl: string | null;
  goingCount: number;
  /** The member's calendar holds our invite (lib/calendar/invites.ts); absent means no. */
  hasInvite?: boolean;
};

/** The small per-viewer part of an event page; never cached, scoped by the viewer in the query. */
export async function getViewerEventState({ eventId, viewer }: { eventId: string; viewer: Viewer | null }): Promise<ViewerEventState> {
  if (!viewer) return { rsvp: null, joinUrl: null, canManage: false, goingCount: null, audienceRefusal: null, hasInvite: false };
  const db = await getDb();
  const canManage = canSeeDrafts(viewer);
  const result = await db.execute(sql`
    select r.status,
           case when r.status = 'waitlisted' then ${waitlistPositionOfR} end as position,
           e.join_url,
           ${goingCount(sql`e.id`)} as going_count,
           e.audience_levels::text[] as audience_levels, e.audience_domains, u.email, u.government_level,
           exists (select 1 from calendar_invites ci where ci.event_id = e.id and ci.user_id = ${viewer.id} and ci.state = 'sent') as has_invite
    from ${events} e
    left join ${rsvps} r on r.event_id = e.id and r.user_id = ${viewer.id}
    left join ${users} u on u.id = ${viewer.id}
    where e.id = ${eventId}`);
  type Row = {
    status: "going" | "waitlisted" | "cancelled" | null;
    position: number | null;
    join_url: string | null;
    going_count: number;
    audience_levels: GovernmentLevel[];
    audience_domains: string[];
    email: string | null;
    government_level: GovernmentLevel | null;
    has_invite: boolean;
  };
  const row = rowsOf<Row>(result)[0];
  if (!row) return { rsvp: null, joinUrl: null, canManage, goingCount: null, audienceRefusal: null, hasInvite: false };
  const rsvp = row.status ? { status: row.status, waitlistPosition: row.position } : null;
  const audience = { audienceLevels: row.audience_levels, audienceDomains: row.audience_domains };
  const refusal = audienceRefusal(audience, { email: row.email ?? viewer.email, governmentLevel: row.government_level }, organizersEmail());
  return {
    rsvp,
    joinUrl: visibleJoinUrl(viewer, rsvp?.status ?? null, row.join_url),
    canManage,
    goingCount: Number(row.going_count),
    audienceRefusal: refusal,
    hasInvite: Boolean(row.has_invite),
  };
}

/** Where to join, for this viewer: only people going, and organizers, may see it. */
export function visibleJoinUrl(viewer: Viewer, rsvpStatus: "going" | "waitlisted" | "cancelled" | null, joinUrl: string | null): string | null {
  return canSeeDrafts(viewer) || rsvpStatus === "going" ? joinUrl : null;
}

export async function getRsvpView({ eventId, viewer }: { eventId: string; viewer: Viewer }): Promise<RsvpView> {
  const { rsvp, joinUrl, goingCount } = await getViewerEventState({ eventId, viewer });
  return { rsvp, joinUrl, goingCount: goingCount ?? 0 };
}
