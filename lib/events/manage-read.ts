import "server-only";
import { count, desc, asc, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { events } from "@/db/schema";
import { assertRole } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/viewer";
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

export async function listEventsForOrganizer(viewer: Viewer | null, { status, page = 1 }: { status?: EventStatus; page?: number }) {
  assertRole(viewer, ORGANIZERS);
  const db = await getDb();
  const where = status ? eq(events.status, status) : undefined;
  const safePage = Math.min(Math.max(1, Math.trunc(page) || 1), MAX_MANAGE_PAGE);
  const [items, [totals]] = await Promise.all([
    db
      .select(managedListColumns)
      .from(events)
      .where(where)
      .orderBy(desc(events.startsAt), asc(events.id))
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
