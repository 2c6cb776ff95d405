import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { calendarInvites, events, rsvps, users } from "@/db/schema";
import { eventUid } from "@/lib/calendar/ics";
import { rowsOf } from "@/db/rows";
import { heldInvite, sentInvite, type InviteMessage } from "@/lib/calendar/invites";
import type { InviteEvent } from "@/lib/calendar/types";
import { reminderSyncSteps } from "@/lib/notifications/reminders";
import { checkedMail, outboxInsert, type CheckedMail } from "@/lib/mail/outbox";
import { eventMail, type Recipient } from "./emails";
import { goingCount, lockedColumns, rsvpCount } from "./model";
import { waitlistPositionOfR } from "./waitlist";

type SeatStatus = "going" | "waitlisted";

export type SeatOutcome =
  /** The member already held a seat or a waitlist place: nothing was written. */
  | { kind: "unchanged"; status: SeatStatus; waitlistPosition: number | null; going: number; hasInvite: boolean }
  /** Not admitted (the caller's audience check) and holding nothing: nothing was written. */
  | { kind: "refused" }
  /** `mailQueued`: the prepared mail was the right one and is in the outbox; else the caller queues the mail. */
  | { kind: "seated"; status: SeatStatus; going: number; waiting: number; invite: InviteMessage | null; mailQueued: boolean };

/**
 * The confirmation built before the lock for the outcome the caller expects: queued by the
 * seat statement itself only if the member got that status and exactly that invite (or no
 * invite when none is expected), so a guess that turned out wrong queues nothing here.
 */
export type PreparedMail = { status: SeatStatus; invite: Pick<InviteMessage, "rsvpId" | "sequence"> | null; mail: CheckedMail };

function queuedMail(prepared: PreparedMail | null): SQL {
  if (!prepared) return sql`select 1 where false`;
  const { status, invite, mail } = prepared;
  const sameInvite = invite
    ? sql`exists (select 1 from invite i where i.rsvp_id = ${invite.rsvpId}::uuid and i.sequence = ${invite.sequence}::integer)`
    : sql`not exists (select 1 from invite)`;
  const expected = sql`(select 1 where exists (select 1 from seated s where s.status = ${sql.raw(`'${status === "going" ? "going" : "waitlisted"}'`)}) and ${sameInvite}) as expected`;
  return sql`${outboxInsert(mail, expected)} returning id`;
}

type Row = {
  existing: SeatStatus | "cancelled" | null;
  position: number | null;
  going: number;
  waiting: number;
  has_invite: boolean;
  seated: SeatStatus | null;
  mail_queued: boolean;
  invite_rsvp_id: string | null;
  invite_uid: string | null;
  invite_sequence: number | null;
};

/**
 * The whole of an RSVP's decision and its writes but the mail, as ONE statement run once
 * the event lock is granted, so the lock is held for this round trip, the outbox insert and
 * the commit only. It reads the member's RSVP and the seat counts, and unless they already
 * hold a seat or a place (or `admitted` is false), upserts the RSVP as going when a seat is
 * free and waitlisted otherwise; for a seat it also schedules reminders (syncReminders'
 * rules) and records the calendar invite (recordInvite's rules, `wantsInvites` choosing a new
 * invite or only an update of one the calendar holds).
 *
 * Why it is safe in one statement: it runs after the FOR UPDATE statement has returned, so
 * its snapshot holds every seat change committed before the lock was granted (a subquery of
 * the locking statement itself would not). WITH items all read that snapshot and cannot see
 * each other's writes, so the reminder and invite items read the upsert's RETURNING rows, not
 * the rsvps table. clock_timestamp() still stamps the queue in the order the lock was granted.
 */
export async function seatMember(
  tx: Tx,
  {
    event,
    userId,
    admitted,
    wantsInvites,
    newRsvpId,
    prepared,
    now,
  }: {
    event: Pick<InviteEvent, "id" | "sequence"> & { capacity: number | null };
    userId: string;
    admitted: boolean;
    wantsInvites: boolean;
    /** The id a new RSVP row gets (a returning member keeps theirs), so its invite and mail could be built before the lock. */
    newRsvpId: string;
    prepared: PreparedMail | null;
    now: Date;
  },
): Promise<SeatOutcome> {
  const eventId = event.id;
  const seatedGoing = sql`exists (select 1 from seated where seated.status = 'going')`;
  const invite = wantsInvites
    ? sentInvite({ event, userId, now }, { rsvpSource: sql`seated`, onlyIf: sql`r.status = 'going'` })
    : heldInvite({ event, userId, intent: "invite", now }, { onlyIf: seatedGoing });
  const result = await tx.execute(sql`
    with existing as (
      select r.status, case when r.status = 'waitlisted' then ${waitlistPositionOfR} end as position
      from rsvps r where r.event_id = ${eventId} and r.user_id = ${userId}),
    tally as (
      select ${goingCount(sql`${eventId}`)} as going, ${rsvpCount("waitlisted", sql`${eventId}`)} as waiting),
    seated as (
      insert into rsvps (id, event_id, user_id, status, queued_at, updated_at)
      select ${newRsvpId}::uuid, ${eventId}, ${userId},
             (case when ${event.capacity}::integer is null or t.going < ${event.capacity}::integer then 'going' else 'waitlisted' end)::rsvp_status,
             clock_timestamp(), ${now.toISOString()}::timestamptz
      from tally t
      where ${admitted}::boolean and not exists (select 1 from existing x where x.status <> 'cancelled')
      on conflict (event_id, user_id) do update
        set status = excluded.status, queued_at = clock_timestamp(), updated_at = excluded.updated_at, checked_in_at = null, promoted_at = null
      returning id, event_id, user_id, status),
    ${reminderSyncSteps({ eventId, userId, now }, { rsvpSource: sql`seated`, onlyIf: seatedGoing })},
    invite as (${invite} returning rsvp_id, uid, sequence),
    queued as (${queuedMail(prepared)})
    select x.status as existing, exists (select 1 from queued) as mail_queued, x.position, t.going, t.waiting, s.status as seated,
           exists (select 1 from calendar_invites ci where ci.event_id = ${eventId} and ci.user_id = ${userId} and ci.state = 'sent') as has_invite,
           i.rsvp_id as invite_rsvp_id, i.uid as invite_uid, i.sequence as invite_sequence
    from tally t left join existing x on true left join seated s on true left join invite i on true`);
  const row = rowsOf<Row>(result)[0]!;
  const going = Number(row.going);
  if (row.existing && row.existing !== "cancelled") {
    const position = row.position === null ? null : Number(row.position);
    return { kind: "unchanged", status: row.existing, waitlistPosition: position, going, hasInvite: Boolean(row.has_invite) };
  }
  if (!row.seated) return { kind: "refused" };
  const sent = row.invite_rsvp_id && row.invite_uid !== null && row.invite_sequence !== null;
  return {
    kind: "seated",
    status: row.seated,
    going,
    waiting: Number(row.waiting),
    invite: sent ? { method: "REQUEST", uid: row.invite_uid!, sequence: Number(row.invite_sequence), rsvpId: row.invite_rsvp_id! } : null,
    mailQueued: Boolean(row.mail_queued),
  };
}

/**
 * What an RSVP will most likely find once it holds the lock, read beforehand without it
 * (alongside the rate limit), so the confirmation can be built and checked before the lock
 * is taken: the event as lockEvent reads it, the member, their RSVP and invite, and how many
 * are going. Only a guess: the seat is decided under the lock, and a guess found stale there
 * costs the mail being built under the lock, as before.
 */
export async function previewSeat(db: Db, eventId: string, userId: string) {
  const [row] = await db
    .select({
      event: lockedColumns,
      member: { email: users.email, name: users.name, timeZone: users.timeZone, inviteEmails: users.inviteEmails, governmentLevel: users.governmentLevel },
      rsvp: { id: rsvps.id, status: rsvps.status },
      invite: { sequence: calendarInvites.sequence, state: calendarInvites.state },
      going: goingCount(sql`${eventId}`),
    })
    .from(users)
    .leftJoin(events, eq(events.id, eventId))
    .leftJoin(rsvps, and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId)))
    .leftJoin(calendarInvites, eq(calendarInvites.rsvpId, rsvps.id))
    .where(eq(users.id, userId));
  return row ?? null;
}

export type SeatPreview = NonNullable<Awaited<ReturnType<typeof previewSeat>>>;

/** Whether the event read without the lock is the row the lock returned: then a mail built from it is the one to send. */
export function sameEvent(preview: SeatPreview, locked: object): boolean {
  return preview.event !== null && JSON.stringify(preview.event) === JSON.stringify(locked);
}

/**
 * The confirmation for the outcome the preview points to (recordInvite's rules for its
 * calendar part), or null when no new seat or place is expected (already holding one).
 */
export function prepareSeatMail(preview: SeatPreview, { userId, newRsvpId, now }: { userId: string; newRsvpId: string; now: Date }): PreparedMail | null {
  const { event, member, rsvp, invite: held } = preview;
  if (!event) return null;
  if (rsvp && rsvp.status !== "cancelled") return null;
  const status: SeatStatus = event.capacity === null || Number(preview.going) < event.capacity ? "going" : "waitlisted";
  const rsvpId = rsvp?.id ?? newRsvpId;
  const nextSequence = held ? Math.max(event.sequence, held.sequence + 1) : event.sequence;
  const carriesInvite = status === "going" && (member.inviteEmails || held?.state === "sent");
  const invite: InviteMessage | null = carriesInvite ? { method: "REQUEST", uid: eventUid(event.id), sequence: nextSequence, rsvpId } : null;
  const recipient: Recipient = { userId, email: member.email, name: member.name, timeZone: member.timeZone, inviteEmails: member.inviteEmails };
  const kind = status === "going" ? "rsvp_confirmed" : "rsvp_waitlisted";
  return { status, invite, mail: checkedMail(eventMail({ kind, event, recipient, invite, now })) };
}
