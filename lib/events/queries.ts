import "server-only";
import { and, asc, count, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { events, rsvps, type EventHost } from "@/db/schema";
import type { Viewer } from "@/lib/viewer";

export const EVENTS_PAGE_SIZE = 12;
export const MAX_EVENTS_PAGE = 1000;

export type EventSummary = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  kind: (typeof events.$inferSelect)["kind"];
  format: (typeof events.$inferSelect)["format"];
  status: (typeof events.$inferSelect)["status"];
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  location: string | null;
  capacity: number | null;
  goingCount: number;
  tags: string[];
};

export type EventDetail = EventSummary & {
  body: string;
  hosts: EventHost[];
  rsvpDeadline: Date | null;
  cancellationMessage: string | null;
};

// One correlated count per row, served by rsvps_event_status_queue_idx: no N+1.
const goingCount = sql<number>`(select count(*)::int from ${rsvps} where ${rsvps.eventId} = ${events.id} and ${rsvps.status} = 'going')`;

const summaryColumns = {
  id: events.id,
  slug: events.slug,
  title: events.title,
  summary: events.summary,
  kind: events.kind,
  format: events.format,
  status: events.status,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  timeZone: events.timeZone,
  location: events.location,
  capacity: events.capacity,
  goingCount,
  tags: events.tags,
};

const publicStatuses = ["published", "cancelled"] as const;

export type EventListPage = { items: EventSummary[]; total: number; page: number; pageCount: number };

/** The public calendar: published (and cancelled, so nobody misses the news) events. */
export async function listPublicEvents({
  when,
  page = 1,
  pageSize = EVENTS_PAGE_SIZE,
  now = new Date(),
}: {
  when: "upcoming" | "past";
  page?: number;
  pageSize?: number;
  now?: Date;
}): Promise<EventListPage> {
  const db = await getDb();
  const where = and(
    inArray(events.status, [...publicStatuses]),
    when === "upcoming" ? gte(events.endsAt, now) : lt(events.endsAt, now),
  );
  const safePage = Math.min(Math.max(1, Math.trunc(page)), MAX_EVENTS_PAGE);
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
  const db = await getDb();
  const [row] = await db
    .select({
      ...summaryColumns,
      body: events.body,
      hosts: events.hosts,
      rsvpDeadline: events.rsvpDeadline,
      cancellationMessage: events.cancellationMessage,
    })
    .from(events)
    .where(eq(events.slug, slug))
    .limit(1);
  if (!row) return null;
  if (row.status === "draft" && !canSeeDrafts(viewer)) return null;
  return row;
}

function canSeeDrafts(viewer: Viewer | null) {
  return viewer?.role === "organizer" || viewer?.role === "admin";
}
