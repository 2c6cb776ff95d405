import "server-only";
import { and, asc, count, desc, eq, gt, lt, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { events } from "@/db/schema";
import { assertRole } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import { DEFAULT_TIME_ZONE } from "@/lib/time";
import type { Viewer } from "@/lib/viewer";
import { nextFreeSlot } from "./default-slot";
import { blankEventFormValues, type EventFormFields } from "./event-schema";
import { goingCount, managedColumns, managedListColumns, rsvpCount, type EventStatus, type ManagedEvent } from "./model";

/** What organizers read about events; the writes are in ./manage.ts. */

export const MANAGE_PAGE_SIZE = 20;
export const MAX_MANAGE_PAGE = 1000;

export const ORGANIZERS: Viewer["role"][] = ["organizer", "admin"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type { ManagedEvent };

export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** A malformed id is a missing event, not a database error. */
export function assertEventId(id: string) {
  if (!isUuid(id)) throw new AppError("not_found", "That event could not be found.");
}

/** The event as organizers edit it, inside a write's transaction. */
export async function readEvent(tx: Tx, id: string) {
  const [row] = await tx.select(managedColumns).from(events).where(eq(events.id, id));
  if (!row) throw new AppError("not_found", "That event could not be found.");
  return row;
}

/**
 * Organizers work on what is coming up: events not yet over come first, soonest first (so
 * this week's lead the list), then past events, most recent first. An event under way
 * counts as not over, so it stays on top while it runs.
 */
export async function listEventsForOrganizer(
  viewer: Viewer | null,
  { status, page = 1, now = new Date() }: { status?: EventStatus; page?: number; now?: Date },
) {
  assertRole(viewer, ORGANIZERS);
  const db = await getDb();
  const where = status ? eq(events.status, status) : undefined;
  const safePage = Math.min(Math.max(1, Math.trunc(page) || 1), MAX_MANAGE_PAGE);
  const notOver = sql`${events.endsAt} >= ${now.toISOString()}::timestamptz`;
  const [items, [totals]] = await Promise.all([
    db
      .select(managedListColumns)
      .from(events)
      .where(where)
      .orderBy(sql`case when ${notOver} then 0 else 1 end`, sql`case when ${notOver} then ${events.startsAt} end asc`, desc(events.startsAt), asc(events.id))
      .limit(MANAGE_PAGE_SIZE)
      .offset((safePage - 1) * MANAGE_PAGE_SIZE),
    db.select({ total: count() }).from(events).where(where),
  ]);
  const total = totals?.total ?? 0;
  return { items, total, page: safePage, pageCount: Math.max(1, Math.ceil(total / MANAGE_PAGE_SIZE)) };
}

export async function getEventForEditing(viewer: Viewer | null, id: string): Promise<ManagedEvent> {
  assertRole(viewer, ORGANIZERS);
  assertEventId(id);
  const db = await getDb();
  const [row] = await db
    .select({ ...managedColumns, goingCount: goingCount(), waitlistCount: rsvpCount("waitlisted") })
    .from(events)
    .where(eq(events.id, id));
  if (!row) throw new AppError("not_found", "That event could not be found.");
  return row;
}

/** The create form's starting values: the organizer's zone, virtual, and the next weekday 14:00 no published event starts at. */
export async function newEventFormDefaults(viewer: Viewer | null, now = new Date()): Promise<EventFormFields> {
  assertRole(viewer, ORGANIZERS);
  const zone = viewer.timeZone || DEFAULT_TIME_ZONE;
  const db = await getDb();
  // Twenty weekdays fit in four weeks; five weeks covers any holiday-free stretch the search walks.
  const horizon = new Date(now.getTime() + 35 * 86_400_000);
  const taken = await db
    .select({ startsAt: events.startsAt })
    .from(events)
    .where(and(eq(events.status, "published"), gt(events.startsAt, now), lt(events.startsAt, horizon)));
  return blankEventFormValues(
    zone,
    nextFreeSlot(
      now,
      zone,
      taken.map((row) => row.startsAt),
    ),
  );
}

/**
 * Why an event can't go back to draft, or null when it can: someone holding a seat or a place
 * in line would be left with a dead link. The manage page shows this instead of the button;
 * unpublishEvent asks it again under the row lock.
 */
export function unpublishRefusal(event: { status: EventStatus; activeRsvps: number }): string | null {
  if (event.status !== "published") return "Only a published event can be unpublished.";
  return event.activeRsvps > 0 ? "People have RSVPed; cancel the event instead." : null;
}

/** A non-blocking note for an event whose start has passed (the form accepts past dates, for recording past sessions). */
export function pastStartWarning(event: { status: EventStatus; startsAt: Date }, now = new Date()): string | null {
  if (event.status === "cancelled" || event.startsAt >= now) return null;
  return "This event's start time has passed. Check the date: members can no longer RSVP to it.";
}
