import "server-only";
import { randomUUID } from "node:crypto";
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
import { goingCount, lockedColumns } from "./model";
import { eventMail, queueEventMail, type Recipient } from "./emails";
import { enqueueMail } from "@/lib/mail";
import { prepareSeatMail, previewSeat, sameEvent, seatMember } from "./rsvp-seat";
import { limitRsvpChanges } from "./rsvp-limits";
import { formatShortStart } from "@/lib/time";
import { visibleJoinUrl } from "./queries";
import { syncReminders } from "@/lib/notifications/reminders";
import { withdrawAccommodationInTx } from "@/lib/accommodations/requests";
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
  // Sent together (postgres.js pipelines a connection's queries; PGlite runs them in turn): the timeout is set before the lock is asked for.
  const [, [event]] = await Promise.all([
    tx.execute(sql.raw(`set local lock_timeout = '${Math.trunc(RSVP_LOCKING.timeoutMs)}ms'`)),
    tx.select(lockedColumns).from(events).where(eq(events.id, eventId)).for("update"),
  ]);
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

/** A mail that cannot be built (an invalid address, say) fails under the lock, after the checks that come first. */
function prepareOrSkip<T>(prepare: () => T): T | null {
  try {
    return prepare();
  } catch {
    return null;
  }
}

/** The member's row, read under the lock only when the preview could not read it. */
async function memberFor(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ email: users.email, name: users.name, timeZone: users.timeZone, inviteEmails: users.inviteEmails, governmentLevel: users.governmentLevel })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

/**
 * The preview, read while the rate limit is checked (on another connection). A preview
 * that fails costs only the head start: everything is read again under the lock.
 */
async function limitAndPreview(viewer: Viewer, eventId: string, now: Date, rateLimited: boolean) {
  const db = await getDb();
  const [limit, preview] = await Promise.allSettled([rateLimited ? limitRsvpChanges(viewer, eventId, now) : undefined, previewSeat(db, eventId, viewer.id)]);
  if (limit.status === "rejected") throw limit.reason;
  return preview.status === "fulfilled" ? preview.value : null;
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
  const preview = await limitAndPreview(viewer, eventId, now, rateLimited);
  // The confirmation for the likely outcome is built and checked here, before the lock: it is most of an RSVP's CPU.
  const newRsvpId = randomUUID();
  const prepared = preview ? prepareOrSkip(() => prepareSeatMail(preview, { userId: viewer.id, newRsvpId, now })) : null;
  const db = await getDb();
  const { result, event } = await seatChange(() =>
    timedLock("rsvp", (locked) =>
      db.transaction(async (tx): Promise<{ result: RsvpResult; event: NonNullable<LockedEvent> }> => {
        const event = await lockEvent(tx, eventId);
        locked();
        assertOpenForRsvp(event, now);
        const fresh = preview !== null && sameEvent(preview, event);
        const member = preview?.member ?? (await memberFor(tx, viewer.id));
        if (!member) throw new AppError("not_found", "That member could not be found.");
        // registry: a seat or a waitlist place only for the event's audience, decided under the lock
        // (and only for someone not already holding one, whom seatMember answers unchanged).
        const refusal = audienceRefusal(event, member, organizersEmail());
        const outcome = await seatMember(tx, {
          event,
          userId: viewer.id,
          admitted: !refusal,
          wantsInvites: member.inviteEmails,
          newRsvpId,
          prepared: fresh ? prepared : null,
          now,
        });
        if (outcome.kind === "unchanged") {
          const { status, waitlistPosition, going, hasInvite } = outcome;
          const joinUrl = visibleJoinUrl(viewer, status, event.joinUrl);
          return { result: { status, waitlistPosition, changed: false, goingCount: going, joinUrl, hasInvite }, event };
        }
        if (outcome.kind === "refused") throw new AppError("forbidden", refusal ?? "You cannot RSVP to this event.");
        const { status, going, waiting, invite } = outcome;
        const recipient: Recipient = {
          userId: viewer.id,
          email: member.email,
          name: member.name,
          timeZone: member.timeZone,
          inviteEmails: member.inviteEmails,
        };
        // A guess that missed (a seat freed or taken meanwhile, the event edited): the mail is built here.
        if (!outcome.mailQueued)
          await enqueueMail(tx, eventMail({ kind: status === "going" ? "rsvp_confirmed" : "rsvp_waitlisted", event, recipient, invite, now }));
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
  // RETURNING gives the row as updated ("cancelled"); the self-join's copy (`was`) is the row as it stood, read in the
  // same statement, so cancelling is one round trip under the lock. The event lock keeps the row still meanwhile.
  const cancelled = await tx.execute(sql`
    update ${rsvps} r set status = 'cancelled', updated_at = ${now.toISOString()}::timestamptz
    from ${rsvps} was
    where was.id = r.id and r.event_id = ${event.id} and r.user_id = ${userId} and r.status <> 'cancelled'
    returning was.status`);
  const previous = rowsOf<{ status: RsvpState }>(cancelled)[0];
  if (!previous) return null;
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
