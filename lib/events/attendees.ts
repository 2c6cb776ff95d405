import "server-only";
import { stringify } from "csv-stringify/sync";
import { and, asc, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { events, rsvps, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertRole } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/viewer";
import { assertEventId, isUuid } from "./manage";

const ORGANIZERS: Viewer["role"][] = ["organizer", "admin"];

export type Attendee = {
  userId: string;
  name: string | null;
  email: string;
  agency: string | null;
  jobTitle: string | null;
  status: "going" | "waitlisted" | "cancelled";
  /** When they joined the queue: their RSVP time, and their waitlist order. */
  rsvpAt: Date;
  checkedInAt: Date | null;
  /** 1-based place in line; only for people waitlisted. */
  position: number | null;
};

export type AttendeeList = {
  event: { id: string; slug: string; title: string; status: string; capacity: number | null; startsAt: Date; timeZone: string };
  going: Attendee[];
  waitlisted: Attendee[];
  cancelled: Attendee[];
  counts: { going: number; waitlisted: number; cancelled: number };
};

async function readEventHeader(tx: Tx, eventId: string) {
  assertEventId(eventId);
  const [event] = await tx
    .select({
      id: events.id,
      slug: events.slug,
      title: events.title,
      status: events.status,
      capacity: events.capacity,
      startsAt: events.startsAt,
      timeZone: events.timeZone,
    })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) throw new AppError("not_found", "That event could not be found.");
  return event;
}

/**
 * Everyone who answered, grouped by status. One query ordered by queue time, so
 * the waitlist comes out in the order seats will be given.
 */
async function readAttendees(tx: Tx, eventId: string): Promise<AttendeeList> {
  const event = await readEventHeader(tx, eventId);
  const rows = await tx
    .select({
      userId: rsvps.userId,
      name: users.name,
      email: users.email,
      agency: users.agency,
      jobTitle: users.jobTitle,
      status: rsvps.status,
      rsvpAt: rsvps.queuedAt,
      checkedInAt: rsvps.checkedInAt,
    })
    .from(rsvps)
    .innerJoin(users, eq(users.id, rsvps.userId))
    .where(eq(rsvps.eventId, eventId))
    .orderBy(asc(rsvps.queuedAt), asc(rsvps.id));
  const list: AttendeeList = { event, going: [], waitlisted: [], cancelled: [], counts: { going: 0, waitlisted: 0, cancelled: 0 } };
  for (const row of rows) {
    const bucket = list[row.status];
    bucket.push({ ...row, position: row.status === "waitlisted" ? bucket.length + 1 : null });
    list.counts[row.status]++;
  }
  return list;
}

export async function listAttendees(viewer: Viewer | null, eventId: string): Promise<AttendeeList> {
  assertRole(viewer, ORGANIZERS);
  const db = await getDb();
  return db.transaction((tx) => readAttendees(tx, eventId));
}

/** Marks someone who is going as arrived (or undoes it). */
export async function checkInAttendee(
  viewer: Viewer | null,
  { eventId, userId, checkedIn }: { eventId: string; userId: string; checkedIn: boolean },
  now = new Date(),
) {
  assertRole(viewer, ORGANIZERS);
  if (!isUuid(userId)) throw new AppError("not_found", "That person could not be found.");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const event = await readEventHeader(tx, eventId);
    if (event.status !== "published") throw new AppError("conflict", "Check-in is open only for published events.");
    const [row] = await tx
      .update(rsvps)
      .set({ checkedInAt: checkedIn ? now : null, updatedAt: now })
      .where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId), eq(rsvps.status, "going")))
      .returning({ checkedInAt: rsvps.checkedInAt });
    if (!row) throw new AppError("conflict", "Only people who are going can be checked in.");
    await recordAudit(tx, {
      actorId: viewer.id,
      action: checkedIn ? "rsvp.checked_in" : "rsvp.check_in_undone",
      targetType: "event",
      targetId: eventId,
      detail: { userId },
    });
    return row;
  });
}

const STATUS_LABELS = { going: "Going", waitlisted: "Waitlisted", cancelled: "Cancelled" } as const;
export const CSV_COLUMNS = ["Name", "Email", "Agency", "Job title", "Status", "Waitlist position", "RSVP time", "Checked in"];

/**
 * The attendee list as CSV for a spreadsheet, with a file name that says which event it is.
 * The export is recorded in the audit log in the same transaction that read the list: it
 * hands personal details (names, emails, agencies) out of the app.
 */
export async function attendeesCsv(viewer: Viewer | null, eventId: string): Promise<{ filename: string; csv: string }> {
  assertRole(viewer, ORGANIZERS);
  const db = await getDb();
  const list = await db.transaction(async (tx) => {
    const read = await readAttendees(tx, eventId);
    const rows = read.counts.going + read.counts.waitlisted + read.counts.cancelled;
    await recordAudit(tx, { actorId: viewer.id, action: "attendees.exported", targetType: "event", targetId: eventId, detail: { format: "csv", rows } });
    return read;
  });
  const records = [...list.going, ...list.waitlisted, ...list.cancelled].map((a) => [
    a.name ?? "",
    a.email,
    a.agency ?? "",
    a.jobTitle ?? "",
    STATUS_LABELS[a.status],
    a.position === null ? "" : String(a.position),
    a.rsvpAt.toISOString(),
    a.checkedInAt?.toISOString() ?? "",
  ]);
  const csv = stringify([CSV_COLUMNS, ...records], {
    // The byte-order mark makes Excel read UTF-8 names correctly; CRLF is what RFC 4180 asks for.
    bom: true,
    record_delimiter: "windows",
    // Every cell quoted, empty ones too: a spreadsheet whose locale separates cells with `;`
    // would otherwise split `Pat;=1+1` into a second cell that starts a formula.
    quoted: true,
    quoted_empty: true,
    // A leading quote turns a cell starting with = + - @ tab or CR into plain text.
    // @see https://owasp.org/www-community/attacks/CSV_Injection
    escape_formulas: true,
  });
  return { filename: `attendees-${list.event.slug}.csv`, csv };
}
