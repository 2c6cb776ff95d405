import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { rowsOf } from "@/db/rows";
import { events, rsvps, users, type notifications } from "@/db/schema";
import { recordInvite } from "@/lib/calendar/invites";
import type { OutgoingMail } from "@/lib/mail";
import { eventMail } from "./emails";

/**
 * Edits that change what a calendar shows are sent as one update after the organizer has
 * been quiet this long: each edit pushes the pending update back, so three quick edits send
 * one message (issue 15, item 3). Tests pass their own clock.
 */
export const UPDATE_QUIET_MS = 2 * 60_000;

const keyOf = sql`'event_update:' || t.event_id || ':' || t.user_id`;

/**
 * Schedules, or pushes back, the update of one event for everyone whose calendar holds its
 * invite, and, when the time or place changed (`alsoGoing`), for everyone going without one,
 * who still needs the email. Runs in the transaction that saves the edit. Returns how many
 * members the update is pending for.
 */
export async function scheduleEventUpdate(tx: Tx, { eventId, now, alsoGoing }: { eventId: string; now: Date; alsoGoing: boolean }): Promise<number> {
  const due = new Date(now.getTime() + UPDATE_QUIET_MS).toISOString();
  const going = alsoGoing ? sql`union select r.event_id, r.user_id from rsvps r where r.event_id = ${eventId} and r.status = 'going'` : sql``;
  const targets = sql`
    select ci.event_id, ci.user_id from calendar_invites ci where ci.event_id = ${eventId} and ci.state = 'sent'
    ${going}`;
  // An update already sent keeps its row for the record under another key, so the next edit can schedule anew.
  await tx.execute(sql`
    update notifications n set key = n.key || ':sent:' || n.id
    where n.kind = 'event_update' and n.event_id = ${eventId} and n.status <> 'pending'
      and n.key = 'event_update:' || n.event_id || ':' || n.user_id`);
  const result = await tx.execute(sql`
    insert into notifications (key, kind, user_id, event_id, due_at)
    select ${keyOf}, 'event_update', t.user_id, t.event_id, ${due}::timestamptz
    from (${targets}) t
    join users u on u.id = t.user_id and u.disabled_at is null
    on conflict (key) do update set due_at = excluded.due_at where notifications.status = 'pending'
    returning 1`);
  return rowsOf(result).length;
}

type Outcome = { mail: OutgoingMail } | { skip: string };

/**
 * The update as it stands when it is sent: the event's current row, and a REQUEST with the
 * member's next SEQUENCE if their calendar holds the invite (recorded in the sending
 * transaction, like every invite). Called by the notification sender.
 */
export async function eventUpdateOutcome(tx: Tx, row: typeof notifications.$inferSelect, now: Date): Promise<Outcome> {
  if (!row.eventId) return { skip: "no event" };
  const [event] = await tx.select().from(events).where(eq(events.id, row.eventId));
  if (!event || event.status !== "published") return { skip: "event not published" };
  if (event.endsAt <= now) return { skip: "event already over" };
  const [member] = await tx
    .select({ email: users.email, name: users.name, timeZone: users.timeZone, inviteEmails: users.inviteEmails, rsvp: rsvps.status })
    .from(users)
    .leftJoin(rsvps, and(eq(rsvps.userId, users.id), eq(rsvps.eventId, event.id)))
    .where(eq(users.id, row.userId));
  if (!member) return { skip: "no member" };
  const invite = await recordInvite(tx, { event, userId: row.userId, intent: "update", wantsInvites: member.inviteEmails, now });
  if (!invite && member.rsvp !== "going") return { skip: "no invite and not going" };
  const recipient = { userId: row.userId, email: member.email, name: member.name, timeZone: member.timeZone, inviteEmails: member.inviteEmails };
  return { mail: eventMail({ kind: "event_changed", event, recipient, invite, now }) };
}
