import "server-only";
import { and, asc, eq, inArray, isNull, lt, ne } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db";
import { accommodationRequests, events, rsvps, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertMember, assertRole } from "@/lib/auth/assert";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isUuid, ORGANIZERS } from "@/lib/events/manage-read";
import { enqueueMail, kickMailDeliverer } from "@/lib/mail";
import { enforceRateLimits } from "@/lib/rate-limit";
import { COMMUNITY_NAME, siteUrl } from "@/lib/site";
import { formatShortStart } from "@/lib/time";
import type { Viewer } from "@/lib/viewer";
import { accommodationAnswer, accommodationRequestInput, type AccommodationAnswer, type AccommodationRequestInput } from "./request-schema";
import { LATE_NOTE, type AccommodationNeed, type AccommodationStatus } from "./vocabulary";

/**
 * Accommodation requests: a member asks with their RSVP, the event's organizer answers. Private:
 * the member reads only their own; an event's requests are read only by the organizer who created
 * the event and by admins (`mayReadRequests`), never by other organizers, other members, visitors,
 * the attendee CSV or any cached page. Every read of an event's list and every change is audited;
 * the free text is never copied into the audit log or the email.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const TARGET = "accommodation_request";
export const ACCOMMODATION_CHANGES_PER_MEMBER = 20;
export const ACCOMMODATION_WINDOW_MS = 60 * 60 * 1000;

export type OwnAccommodationRequest = {
  id: string;
  needs: AccommodationNeed[];
  other: string | null;
  status: AccommodationStatus;
  organizerNote: string | null;
  late: boolean;
  updatedAt: Date;
};

export type EventAccommodationRequest = OwnAccommodationRequest & {
  memberName: string | null;
  memberEmail: string;
  rsvpStatus: "going" | "waitlisted" | "cancelled" | null;
  createdAt: Date;
};

const ownColumns = {
  id: accommodationRequests.id,
  needs: accommodationRequests.needs,
  other: accommodationRequests.other,
  status: accommodationRequests.status,
  organizerNote: accommodationRequests.organizerNote,
  late: accommodationRequests.late,
  updatedAt: accommodationRequests.updatedAt,
};

/** The day after which a request is late: ACCOMMODATION_DEADLINE_DAYS before the start. */
export function accommodationDeadline(startsAt: Date, days = getEnv().ACCOMMODATION_DEADLINE_DAYS): Date {
  return new Date(startsAt.getTime() - days * DAY_MS);
}

/** Who may read and answer an event's requests: admins, and the organizer who created the event. */
export function mayReadRequests(viewer: Viewer, event: { createdBy: string | null }): boolean {
  return viewer.role === "admin" || (viewer.role === "organizer" && event.createdBy === viewer.id);
}

function invalid(error: { issues: { path: PropertyKey[]; message: string }[] }): AppError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) (fieldErrors[String(issue.path[0] ?? "other")] ??= []).push(issue.message);
  return new AppError("invalid", error.issues[0]?.message ?? "Please correct the errors below.", fieldErrors);
}

/** The viewer's own request for one event, or null (signed out, not joined, or none). */
export async function getOwnAccommodationRequest(viewer: Viewer | null, eventId: string): Promise<OwnAccommodationRequest | null> {
  if (!viewer?.hasJoined || !isUuid(eventId)) return null;
  const db = await getDb();
  const [row] = await db
    .select(ownColumns)
    .from(accommodationRequests)
    .where(and(eq(accommodationRequests.eventId, eventId), eq(accommodationRequests.userId, viewer.id)));
  return row ? { ...row, needs: row.needs as AccommodationNeed[] } : null;
}

/** The viewer's own requests for several events (My events), keyed by event id. */
export async function listOwnAccommodationRequests(viewer: Viewer | null, eventIds: string[]): Promise<Map<string, OwnAccommodationRequest>> {
  const ids = eventIds.filter(isUuid);
  if (!viewer?.hasJoined || ids.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ ...ownColumns, eventId: accommodationRequests.eventId })
    .from(accommodationRequests)
    .where(and(eq(accommodationRequests.userId, viewer.id), inArray(accommodationRequests.eventId, ids)));
  return new Map(rows.map(({ eventId, ...row }) => [eventId, { ...row, needs: row.needs as AccommodationNeed[] }]));
}

type RequestEvent = { id: string; slug: string; title: string; startsAt: Date; timeZone: string; status: string; createdBy: string | null };

async function eventFor(tx: Tx, eventId: string): Promise<RequestEvent> {
  if (!isUuid(eventId)) throw new AppError("not_found", "This event could not be found.");
  const [event] = await tx
    .select({
      id: events.id,
      slug: events.slug,
      title: events.title,
      startsAt: events.startsAt,
      timeZone: events.timeZone,
      status: events.status,
      createdBy: events.createdBy,
    })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) throw new AppError("not_found", "This event could not be found.");
  return event;
}

export type SaveResult = { request: OwnAccommodationRequest; created: boolean; changed: boolean };

/**
 * Sends or changes the viewer's request for an event they hold an RSVP to (going or waitlisted).
 * A new request mails the event's organizer once; a change after the deadline is marked late, and a
 * change of what is asked for puts the status back to "received". The member's RSVP row is locked,
 * so a cancel running at the same time either withdraws this request or finds it refused.
 */
export async function saveAccommodationRequest(
  viewer: Viewer | null,
  { eventId, ...input }: AccommodationRequestInput & { eventId: string },
  now = new Date(),
): Promise<SaveResult> {
  assertMember(viewer);
  const parsed = accommodationRequestInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { needs, other } = parsed.data;
  await enforceRateLimits([{ bucket: `accommodation:user:${viewer.id}`, limit: ACCOMMODATION_CHANGES_PER_MEMBER, windowMs: ACCOMMODATION_WINDOW_MS }], {
    doing: "changed accommodation requests",
    timeZone: viewer.timeZone,
    now,
  });
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const event = await eventFor(tx, eventId);
    if (event.status === "draft") throw new AppError("not_found", "This event could not be found.");
    if (event.status === "cancelled") throw new AppError("conflict", "This event has been cancelled, so it takes no accommodation requests.");
    if (event.startsAt <= now) throw new AppError("conflict", "This event has already started, so it takes no more accommodation requests.");
    const [rsvp] = await tx
      .select({ status: rsvps.status })
      .from(rsvps)
      .where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, viewer.id), ne(rsvps.status, "cancelled")))
      .for("update");
    if (!rsvp) throw new AppError("conflict", "RSVP to this event first, then ask for an accommodation.");
    const [existing] = await tx
      .select(ownColumns)
      .from(accommodationRequests)
      .where(and(eq(accommodationRequests.eventId, eventId), eq(accommodationRequests.userId, viewer.id)))
      .for("update");
    const otherValue = other === "" ? null : other;
    if (existing && sameNeeds(existing.needs, needs) && existing.other === otherValue) {
      return { request: { ...existing, needs: existing.needs as AccommodationNeed[] }, created: false, changed: false, event };
    }
    const late = now > accommodationDeadline(event.startsAt);
    const [row] = await tx
      .insert(accommodationRequests)
      .values({ eventId, userId: viewer.id, needs, other: otherValue, late, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [accommodationRequests.eventId, accommodationRequests.userId],
        set: { needs, other: otherValue, late, status: "received", updatedAt: now },
      })
      .returning(ownColumns);
    const request = { ...row!, needs: row!.needs as AccommodationNeed[] };
    await recordAudit(tx, {
      actorId: viewer.id,
      action: existing ? "accommodation.changed" : "accommodation.requested",
      targetType: TARGET,
      targetId: request.id,
      detail: { eventId, needs: needs.length, other: otherValue !== null, late },
    });
    if (!existing) await mailOrganizers(tx, event, { late });
    return { request, created: !existing, changed: true, event };
  });
  if (result.created) kickMailDeliverer();
  return { request: result.request, created: result.created, changed: result.changed };
}

function sameNeeds(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join(",") === [...b].sort().join(",");
}

/** The one email a new request sends: to the event's organizer (its creator), or to every admin when it has none. */
async function mailOrganizers(tx: Tx, event: RequestEvent, { late }: { late: boolean }) {
  const active = and(isNull(users.disabledAt), inArray(users.role, ORGANIZERS));
  const creator = event.createdBy
    ? await tx
        .select({ email: users.email })
        .from(users)
        .where(and(eq(users.id, event.createdBy), active))
    : [];
  const recipients =
    creator.length > 0
      ? creator
      : await tx
          .select({ email: users.email })
          .from(users)
          .where(and(eq(users.role, "admin"), active));
  const manage = siteUrl(`/manage/events/${event.id}#accommodations-heading`);
  const text = [
    "Hello,",
    "",
    `A member asked for an accommodation for ${event.title} (${formatShortStart(event.startsAt, event.timeZone)}).`,
    ...(late ? ["", LATE_NOTE] : []),
    "",
    "What they asked for is on the event's page for organizers, where you can mark it arranged and leave them a note:",
    manage,
    "",
    COMMUNITY_NAME,
  ].join("\n");
  for (const { email } of recipients) {
    await enqueueMail(tx, { to: email, subject: `Accommodation request: ${event.title}`, text, kind: "accommodation-request" });
  }
}

/** The member takes their request back (their RSVP stays). */
export async function withdrawAccommodationRequest(viewer: Viewer | null, { eventId }: { eventId: string }): Promise<{ changed: boolean }> {
  assertMember(viewer);
  if (!isUuid(eventId)) throw new AppError("not_found", "This event could not be found.");
  const db = await getDb();
  return db.transaction(async (tx) => ({ changed: await withdrawAccommodationInTx(tx, { eventId, userId: viewer.id, reason: "member" }) }));
}

/**
 * Deletes one member's request inside the caller's transaction, audited: the RSVP's cancel paths
 * (lib/events/rsvp.ts: cancelling, a calendar decline, account deletion) call it beside the cancel.
 */
export async function withdrawAccommodationInTx(
  tx: Tx,
  { eventId, userId, reason }: { eventId: string; userId: string; reason: "member" | "rsvp_cancelled" },
): Promise<boolean> {
  const [gone] = await tx
    .delete(accommodationRequests)
    .where(and(eq(accommodationRequests.eventId, eventId), eq(accommodationRequests.userId, userId)))
    .returning({ id: accommodationRequests.id });
  if (!gone) return false;
  await recordAudit(tx, { actorId: userId, action: "accommodation.withdrawn", targetType: TARGET, targetId: gone.id, detail: { eventId, reason } });
  return true;
}

export type EventRequests = { visible: false } | { visible: true; requests: EventAccommodationRequest[] };

/**
 * An event's requests for its manage page, oldest first. Any organizer reaches the page; only the
 * event's own organizer and admins get the list (`visible: false` for anyone else, and nothing read).
 * Each time a list with requests in it is read, the audit log says who read which.
 */
export async function listEventAccommodationRequests(viewer: Viewer | null, eventId: string): Promise<EventRequests> {
  assertRole(viewer, ORGANIZERS);
  const db = await getDb();
  return db.transaction(async (tx): Promise<EventRequests> => {
    const event = await eventFor(tx, eventId);
    if (!mayReadRequests(viewer, event)) return { visible: false };
    const rows = await tx
      .select({
        ...ownColumns,
        createdAt: accommodationRequests.createdAt,
        memberName: users.name,
        memberEmail: users.email,
        rsvpStatus: rsvps.status,
      })
      .from(accommodationRequests)
      .innerJoin(users, eq(users.id, accommodationRequests.userId))
      .leftJoin(rsvps, and(eq(rsvps.eventId, accommodationRequests.eventId), eq(rsvps.userId, accommodationRequests.userId)))
      .where(eq(accommodationRequests.eventId, eventId))
      .orderBy(asc(accommodationRequests.createdAt), asc(accommodationRequests.id));
    if (rows.length > 0) {
      await recordAudit(tx, {
        actorId: viewer.id,
        action: "accommodation.viewed",
        targetType: "event",
        targetId: eventId,
        detail: { requests: rows.map((row) => row.id) },
      });
    }
    return { visible: true, requests: rows.map((row) => ({ ...row, needs: row.needs as AccommodationNeed[] })) };
  });
}

export const NOT_YOURS = "Only this event's organizer or an admin can see or answer its accommodation requests.";

/** The organizer's answer: a status and a note the member sees. */
export async function answerAccommodationRequest(viewer: Viewer | null, input: AccommodationAnswer, now = new Date()): Promise<{ eventId: string }> {
  assertRole(viewer, ORGANIZERS);
  const parsed = accommodationAnswer.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const { requestId, status, note } = parsed.data;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        eventId: accommodationRequests.eventId,
        createdBy: events.createdBy,
        status: accommodationRequests.status,
        note: accommodationRequests.organizerNote,
      })
      .from(accommodationRequests)
      .innerJoin(events, eq(events.id, accommodationRequests.eventId))
      .where(eq(accommodationRequests.id, requestId))
      .for("update", { of: accommodationRequests });
    if (!row) throw new AppError("not_found", "That accommodation request could not be found. The member may have withdrawn it.");
    if (!mayReadRequests(viewer, row)) throw new AppError("forbidden", NOT_YOURS);
    const organizerNote = note === "" ? null : note;
    await tx.update(accommodationRequests).set({ status, organizerNote, updatedAt: now }).where(eq(accommodationRequests.id, requestId));
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "accommodation.answered",
      targetType: TARGET,
      targetId: requestId,
      detail: { eventId: row.eventId, from: row.status, status, noteChanged: row.note !== organizerNote },
    });
    return { eventId: row.eventId };
  });
}

/**
 * Daily housekeeping: deletes requests for events that ended more than ACCOMMODATION_RETENTION_DAYS
 * ago (0: the day after). Returns how many went.
 */
export async function purgeExpiredAccommodationRequests(tx: Tx | Db, now: Date, retentionDays = getEnv().ACCOMMODATION_RETENTION_DAYS): Promise<number> {
  const endedBefore = new Date(now.getTime() - retentionDays * DAY_MS);
  const ended = tx.select({ id: events.id }).from(events).where(lt(events.endsAt, endedBefore));
  const gone = await tx.delete(accommodationRequests).where(inArray(accommodationRequests.eventId, ended)).returning({ id: accommodationRequests.id });
  return gone.length;
}
