import "server-only";
import { performance } from "node:perf_hooks";
import { eventTags, staleTags } from "@/lib/cache/shared-cache";
import { and, asc, eq, gt, ilike, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { rowsOf } from "@/db/rows";
import { RetriesExhaustedError, withTransientRetry } from "@/db/retry";
import { events, rsvps, users } from "@/db/schema";
import { assertMember } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import { metrics } from "@/lib/metrics";
import type { Viewer } from "@/lib/viewer";
import { goingCount, lockedColumns, rsvpCount } from "./model";
import { queueEventMail, type Recipient } from "./emails";
import { limitRsvpChanges } from "./rsvp-limits";
import { waitlistPositionOfR } from "./waitlist";
import { formatShortStart } from "@/lib/time";
import { visibleJoinUrl } from "./queries";
import { syncReminders } from "@/lib/notifications/reminders";
import { withdrawAccommodationInTx } from "@/lib/accommodations/requests";
import type { GovernmentLevel } from "@/lib/members/government-levels";
import { organizersEmail } from "@/lib/site";
import { audienceRefusal, isLimited, type Audience } from "./audience";

export type RsvpState = "going" | "waitlisted" | "cancelled";
export type RsvpResult = {
  status: Exclude<RsvpState, "cancelled">;
  waitlistPosition: number | null;
  changed: boolean;
  /** People going once this RSVP is in, and where to join as this member may see it: what the page shows them next. */
  goingCount: number;
  joinUrl: string | null;
  /** Whether the member's calendar holds our invite, so the page offers no second copy. */
  hasInvite: boolean;
};

export type LockedEvent = Awaited<ReturnType<typeof lockEvent>>;

/** How long a seat change waits for the event's lock, and how many times it tries. Tests shorten them. */
export const RSVP_LOCKING = { timeoutMs: 5_000, attempts: 3 };

/**
 * Every change to who holds a seat starts here: the event row is locked, so
 * RSVPs to one event take turns and capacity is counted inside the lock. A wait
 * longer than the lock timeout fails the transaction instead of hanging.
 */
export async function lockEvent(tx: Tx, eventId: string) {
  await tx.execute(sql.raw(`set local lock_timeout = '${Math.trunc(RSVP_LOCKING.timeoutMs)}ms'`));
  const [event] = await tx.select(lockedColumns).from(events).where(eq(events.id, eventId)).for("update");
  return event ?? null;
}

export async function countGoing(tx: Tx, eventId: string): Promise<number> {
  const result = await tx.execute(sql`select ${goingCount(sql`${eventId}`)} as n`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

function assertOpenForRsvp(event: NonNullable<LockedEvent> | null, now: Date): asserts event is NonNullable<LockedEvent> {
  if (!event || event.status === "draft") throw new AppError("not_found", "This event could not be found.");
  if (event.status === "cancelled") throw new AppError("conflict", "This event has been cancelled, so it no longer takes RSVPs.");
  if (event.startsAt <= now) throw new AppError("conflict", "This event has already started, so it no longer takes RSVPs.");
  if (event.rsvpDeadline && event.rsvpDeadline <= now) {
    throw new AppError("conflict", `RSVPs for this event closed on ${formatShortStart(event.rsvpDeadline, event.timeZone)}.`);
  }
}

async function recipientFor(tx: Tx, userId: string): Promise<Recipient> {
  const [row] = await tx
    .select({ userId: users.id, email: users.email, name: users.name, timeZone: users.timeZone, inviteEmails: users.inviteEmails })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw new AppError("not_found", "That member could not be found.");
  return row;
}

async function waitlistPosition(tx: Tx, eventId: string, userId: string): Promise<number | null> {
  const result = await tx.execute(sql`
    select ${waitlistPositionOfR} as position from ${rsvps} r
    where r.event_id = ${eventId} and r.user_id = ${userId} and r.status = 'waitlisted'`);
  return rowsOf<{ position: number }>(result)[0]?.position ?? null;
}

/**
 * What an RSVP decides on, read in one statement once the event is locked: the
 * member's current RSVP and how many are going and waiting. A separate statement,
 * because subqueries beside a FOR UPDATE read the snapshot from before the lock
 * wait (the PostgreSQL race test overbooks with them). Every round trip made
 * while the lock is held is one every other member in a rush waits for.
 */
async function seatState(tx: Tx, eventId: string, userId: string) {
  const result = await tx.execute(sql`
    select (select r.status from ${rsvps} r where r.event_id = ${eventId} and r.user_id = ${userId}) as existing,
           ${goingCount(sql`${eventId}`)} as going,
           ${rsvpCount("waitlisted", sql`${eventId}`)} as waiting,
           exists (select 1 from calendar_invites ci where ci.event_id = ${eventId} and ci.user_id = ${userId} and ci.state = 'sent') as has_invite,
           u.email, u.name, u.time_zone, u.invite_emails, u.government_level
    from ${users} u where u.id = ${userId}`);
  type Row = {
    existing: RsvpState | null;
    going: number;
    waiting: number;
    has_invite: boolean;
    email: string;
    name: string | null;
    time_zone: string;
    invite_emails: boolean;
    government_level: GovernmentLevel | null;
  };
  const row = rowsOf<Row>(result)[0];
  if (!row) throw new AppError("not_found", "That member could not be found.");
  return {
    existing: row.existing,
    going: Number(row.going),
    waiting: Number(row.waiting),
    hasInvite: Boolean(row.has_invite),
    member: { email: row.email, governmentLevel: row.government_level },
    recipient: { userId, email: row.email, name: row.name, timeZone: row.time_zone, inviteEmails: row.invite_emails } satisfies Recipient,
  };
}

/**
 * "I'm going": a seat when one is free, else the end of the waitlist. Asking
 * again while going or waitlisted changes nothing and keeps the queue place.
 */
export async function rsvpToEvent(
  viewer: Viewer | null,
  { eventId }: { eventId: string },
  now = new Date(),
  // series: an RSVP to a whole series counts against its own limit once (lib/events/series.ts), not once per date.
  { rateLimited = true }: { rateLimited?: boolean } = {},
): Promise<RsvpResult> {
  assertMember(viewer);
  if (rateLimited) await limitRsvpChanges(viewer, eventId, now);
  const db = await getDb();
  const { result, event } = await seatChange(() =>
    timedLock("rsvp", (locked) =>
      db.transaction(async (tx): Promise<{ result: RsvpResult; event: NonNullable<LockedEvent> }> => {
        const event = await lockEvent(tx, eventId);
        locked();
        assertOpenForRsvp(event, now);
        const { existing, going, waiting, hasInvite, recipient, member } = await seatState(tx, eventId, viewer.id);
        if (existing && existing !== "cancelled") {
          const position = existing === "waitlisted" ? await waitlistPosition(tx, eventId, viewer.id) : null;
          const joinUrl = visibleJoinUrl(viewer, existing, event.joinUrl);
          return { result: { status: existing, waitlistPosition: position, changed: false, goingCount: going, joinUrl, hasInvite }, event };
        }
        // registry: a seat or a waitlist place only for the event's audience, decided under the lock.
        const refusal = audienceRefusal(event, member, organizersEmail());
        if (refusal) throw new AppError("forbidden", refusal);
        const status = event.capacity === null || going < event.capacity ? "going" : "waitlisted";
        // clock_timestamp(), not the caller's clock: the queue follows the order the lock was granted,
        // so a newcomer joins behind everyone already waiting.
        await tx
          .insert(rsvps)
          .values({ eventId, userId: viewer.id, status, queuedAt: sql`clock_timestamp()`, updatedAt: now })
          .onConflictDoUpdate({
            target: [rsvps.eventId, rsvps.userId],
            set: { status, queuedAt: sql`clock_timestamp()`, updatedAt: now, checkedInAt: null, promotedAt: null },
          });
        if (status === "going") await syncReminders(tx, { eventId, userId: viewer.id, now });
        const invite = await queueEventMail(tx, { kind: status === "going" ? "rsvp_confirmed" : "rsvp_waitlisted", event, recipient, now });
        const result: RsvpResult = {
          status,
          waitlistPosition: status === "waitlisted" ? waiting + 1 : null,
          changed: true,
          goingCount: status === "going" ? going + 1 : going,
          joinUrl: visibleJoinUrl(viewer, status, event.joinUrl),
          hasInvite: invite !== null,
        };
        return { result, event };
      }),
    ),
  );
  // Seat counts are part of the cached event page and lists; the person who RSVPed gets theirs from the action.
  if (result.changed) {
    staleTags(eventTags(event));
    metrics().rsvpChanges.inc({ outcome: result.status });
  }
  return result;
}

/**
 * Times how long one seat change holds the event lock (convene_rsvp_lock_seconds): from
 * lockEvent's return, which `work` marks by calling `locked`, to the commit. Every member
 * in a rush waits behind this span, so it is what the RSVP path is tuned by. An attempt
 * that rolls back is not counted.
 */
async function timedLock<T>(change: "rsvp" | "cancel", work: (locked: () => void) => Promise<T>): Promise<T> {
  let lockedAt: number | undefined;
  const result = await work(() => {
    lockedAt = performance.now();
  });
  if (lockedAt !== undefined) metrics().rsvpLockSeconds.observe({ change }, (performance.now() - lockedAt) / 1000);
  return result;
}

/**
 * A seat change whose lock wait timed out is tried again a few times; if the
 * event stays that busy, the person is told to try again, and nothing was written.
 */
async function seatChange<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await withTransientRetry(work, { attempts: RSVP_LOCKING.attempts });
  } catch (error) {
    if (error instanceof RetriesExhaustedError) {
      throw new AppError("unavailable", "Many people are responding to this event right now. Nothing changed; please try again in a moment.");
    }
    throw error;
  }
}

/** "I can't make it": frees the seat and, in the same transaction, gives it to the first person waiting. */
export async function cancelRsvp(viewer: Viewer | null, { eventId }: { eventId: string }, now = new Date()) {
  assertMember(viewer);
  await limitRsvpChanges(viewer, eventId, now);
  const db = await getDb();
  const { changed, left, event } = await seatChange(() =>
    timedLock("cancel", (locked) =>
      db.transaction(async (tx) => {
        const event = await lockEvent(tx, eventId);
        locked();
        if (!event || event.status === "draft") throw new AppError("not_found", "This event could not be found.");
        const left = await cancelRsvpInLockedEvent(tx, { event, userId: viewer.id, now });
        return { changed: left !== null, left, event };
      }),
    ),
  );
  if (changed) {
    staleTags(eventTags(event));
    metrics().rsvpChanges.inc({ outcome: "cancelled" });
  }
  // `left`: what the member gave up (a seat or a place in line), so the answer can say which.
  return { changed, left };
}

/**
 * Cancels one person's RSVP inside a transaction that already holds the event
 * lock (also used when an account is deleted). Returns what was cancelled (a seat or a
 * place on the waitlist), or null when nothing changed.
 */
export async function cancelRsvpInLockedEvent(
  tx: Tx,
  { event, userId, now, notify = true }: { event: NonNullable<LockedEvent>; userId: string; now: Date; notify?: boolean },
): Promise<Exclude<RsvpState, "cancelled"> | null> {
  // RETURNING gives the row as updated ("cancelled"), so what it was is read first; the event lock keeps it still between.
  const held = and(eq(rsvps.eventId, event.id), eq(rsvps.userId, userId), ne(rsvps.status, "cancelled"));
  const [previous] = await tx.select({ status: rsvps.status }).from(rsvps).where(held);
  if (!previous) return null;
  await tx.update(rsvps).set({ status: "cancelled", updatedAt: now }).where(held);
  // accommodations: a cancelled RSVP takes its accommodation request with it, in this transaction.
  await withdrawAccommodationInTx(tx, { eventId: event.id, userId, reason: "rsvp_cancelled" });
  await syncReminders(tx, { eventId: event.id, userId, now });
  if (notify) await queueEventMail(tx, { kind: "rsvp_cancelled", event, recipient: await recipientFor(tx, userId), now });
  if (event.status === "published" && event.endsAt > now) await promoteFromWaitlist(tx, { event, now });
  return previous.status === "going" ? "going" : "waitlisted";
}

/**
 * Fills every free seat from the front of the waitlist and tells each person
 * promoted. Callers hold the event lock. Returns the promoted user ids in order.
 */
export async function promoteFromWaitlist(tx: Tx, { event, now }: { event: NonNullable<LockedEvent>; now: Date }): Promise<string[]> {
  const going = await countGoing(tx, event.id);
  const free = event.capacity === null ? Number.MAX_SAFE_INTEGER : event.capacity - going;
  if (free <= 0) return [];
  const next = await tx
    .select({ id: rsvps.id, userId: rsvps.userId })
    .from(rsvps)
    .innerJoin(users, eq(users.id, rsvps.userId))
    .where(and(eq(rsvps.eventId, event.id), eq(rsvps.status, "waitlisted"), inAudience(event)))
    .orderBy(asc(rsvps.queuedAt), asc(rsvps.id))
    .limit(Math.min(free, 10_000));
  for (const row of next) {
    await tx.update(rsvps).set({ status: "going", updatedAt: now, promotedAt: now }).where(eq(rsvps.id, row.id));
    await queueEventMail(tx, { kind: "rsvp_promoted", event, recipient: await recipientFor(tx, row.userId), now });
  }
  // Only reminders still ahead are added: someone promoted after the day-before time gets the hour-before one.
  if (next.length > 0) await syncReminders(tx, { eventId: event.id, now });
  return next.map((row) => row.userId);
}

/**
 * registry: the waitlisted people an event's audience admits (lib/events/audience.ts `admits`, in SQL).
 * Someone who joined the waitlist before the organizer narrowed the audience keeps their place but is
 * not promoted past it.
 */
function inAudience(audience: Audience): SQL | undefined {
  if (!isLimited(audience)) return undefined;
  const byLevel = audience.audienceLevels.length > 0 ? inArray(users.governmentLevel, [...audience.audienceLevels]) : undefined;
  // Domains are [a-z0-9.-] only (event-schema.ts), so they carry no LIKE wildcards.
  const byDomain = audience.audienceDomains.flatMap((domain) => [ilike(users.email, `%@${domain}`), ilike(users.email, `%.${domain}`)]);
  return or(...[byLevel, ...byDomain].filter((condition): condition is SQL => condition !== undefined));
}

/**
 * Before an account is deleted: cancel its RSVPs to events still to come and
 * promote from each waitlist, inside the deleting transaction. Events are locked
 * in id order so two deletions cannot deadlock.
 */
export async function releaseSeatsOfLeavingMember(tx: Tx, userId: string, now = new Date()): Promise<{ id: string; slug: string }[]> {
  const held = await tx
    .select({ eventId: rsvps.eventId })
    .from(rsvps)
    .innerJoin(events, eq(events.id, rsvps.eventId))
    .where(and(eq(rsvps.userId, userId), ne(rsvps.status, "cancelled"), gt(events.endsAt, now)))
    .orderBy(asc(rsvps.eventId));
  const released: { id: string; slug: string }[] = [];
  for (const { eventId } of held) {
    const event = await lockEvent(tx, eventId);
    if (event && (await cancelRsvpInLockedEvent(tx, { event, userId, now, notify: false }))) released.push(event);
  }
  return released;
}
