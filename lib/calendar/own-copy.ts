import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { calendarInvites, events, rsvps } from "@/db/schema";
import { isPublicEvent } from "@/lib/events/public";
import type { Viewer } from "@/lib/viewer";
import { documentFor, type CalendarDocument } from "./documents";
import { buildCalendar, eventUid } from "./ics";
import { inviteColumns } from "@/lib/events/model";

/**
 * A member's own copy of an event (issue 15, item 6). For someone going it is the event as
 * their invite has it: the same UID and at least its SEQUENCE, so opening the file updates the
 * entry the invite made instead of overwriting it with the public copy, and with the join link.
 * For someone waitlisted it is TENTATIVE, without the link. Null for anyone else, who gets the
 * public file. Read per request and never shared: it is built from the member's own rows.
 */
export async function getOwnEventCalendar(viewer: Viewer, { slug }: { slug: string }): Promise<CalendarDocument | null> {
  const db = await getDb();
  const [row] = await db
    .select({
      event: inviteColumns,
      rsvpStatus: rsvps.status,
      rsvpUpdatedAt: rsvps.updatedAt,
      inviteUid: calendarInvites.uid,
      inviteSequence: calendarInvites.sequence,
    })
    .from(events)
    .innerJoin(rsvps, and(eq(rsvps.eventId, events.id), eq(rsvps.userId, viewer.id)))
    .leftJoin(calendarInvites, eq(calendarInvites.rsvpId, rsvps.id))
    .where(and(eq(events.slug, slug), isPublicEvent))
    .limit(1);
  if (!row || row.rsvpStatus === "cancelled") return null;
  const going = row.rsvpStatus === "going";
  const revisedAt = row.rsvpUpdatedAt > row.event.updatedAt ? row.rsvpUpdatedAt : row.event.updatedAt;
  const body = buildCalendar({
    method: "PUBLISH",
    events: [
      {
        event: going ? row.event : { ...row.event, joinUrl: null },
        status: going ? "CONFIRMED" : "TENTATIVE",
        showJoinUrl: going,
        uid: row.inviteUid ?? eventUid(row.event.id),
        sequence: Math.max(row.event.sequence, row.inviteSequence ?? 0),
        revisedAt,
      },
    ],
  });
  return documentFor(body, revisedAt);
}
