import "server-only";
import { and, count, desc, eq, ilike, or, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { auditLog, eventMessages, events, resources, rsvps } from "@/db/schema";
import { assertRole } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/events/manage-read";
import { clampPage, containsPattern, normalizeSearch } from "@/lib/members/search-pattern";
import type { Viewer } from "@/lib/viewer";
import { ADMINS } from "./event-archive";

export const RECORDS_PAGE_SIZE = 20;
export const MAX_RECORDS_PAGE = 500;

/** Events to choose from for a records request: any status, newest start first, narrowed by title or address. */
export async function listEventsForRecords(viewer: Viewer | null, { query, page = 1 }: { query?: string | null; page?: number }) {
  assertRole(viewer, ADMINS);
  const q = normalizeSearch(query);
  const where = q ? or(ilike(events.title, containsPattern(q)), ilike(events.slug, containsPattern(q))) : undefined;
  const current = clampPage(page, MAX_RECORDS_PAGE);
  const db = await getDb();
  const [rows, [totals]] = await Promise.all([
    db
      .select({ id: events.id, slug: events.slug, title: events.title, status: events.status, startsAt: events.startsAt, timeZone: events.timeZone })
      .from(events)
      .where(where)
      .orderBy(desc(events.startsAt), desc(events.id))
      .limit(RECORDS_PAGE_SIZE)
      .offset((current - 1) * RECORDS_PAGE_SIZE),
    db.select({ total: count() }).from(events).where(where),
  ]);
  const total = totals?.total ?? 0;
  return { rows, total, page: current, pageCount: Math.max(1, Math.min(MAX_RECORDS_PAGE, Math.ceil(total / RECORDS_PAGE_SIZE))), query: q };
}

/** What an event's archive would hold, counted, for the page that offers it. */
export async function eventRecordsSummary(viewer: Viewer | null, eventId: string) {
  assertRole(viewer, ADMINS);
  if (!isUuid(eventId)) throw new AppError("not_found", "That event could not be found.");
  const db = await getDb();
  const [event] = await db
    .select({ id: events.id, slug: events.slug, title: events.title, status: events.status, startsAt: events.startsAt, timeZone: events.timeZone })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) throw new AppError("not_found", "That event could not be found.");
  const ofEvent = and(eq(auditLog.targetType, "event"), eq(auditLog.targetId, eventId));
  const [[audit], [versions], [rsvpCount], [messages], [resourceCount]] = await Promise.all([
    db.select({ n: count() }).from(auditLog).where(ofEvent),
    db
      .select({ n: count() })
      .from(auditLog)
      .where(and(ofEvent, sql`(${auditLog.detail} -> 'snapshot') is not null`)),
    db.select({ n: count() }).from(rsvps).where(eq(rsvps.eventId, eventId)),
    db.select({ n: count() }).from(eventMessages).where(eq(eventMessages.eventId, eventId)),
    db.select({ n: count() }).from(resources).where(eq(resources.eventId, eventId)),
  ]);
  return {
    event,
    counts: {
      auditEntries: audit?.n ?? 0,
      versions: versions?.n ?? 0,
      rsvps: rsvpCount?.n ?? 0,
      messages: messages?.n ?? 0,
      resources: resourceCount?.n ?? 0,
    },
  };
}
