import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { rowsOf } from "@/db/rows";
import { calendarInvites, type OutboxCalendar } from "@/db/schema";
import { buildCalendar, eventUid } from "./ics";
import { replyAddress } from "./reply-address";
import type { InviteEvent } from "./types";

/**
 * The one rule for who has an invite (issue 15, items 1 and 2). A row in calendar_invites
 * says the member's calendar holds the event; it is written in the transaction that queues
 * the mail carrying the REQUEST or CANCEL, and every later decision is read from it:
 *
 * - a *new* invite (going, promoted, back after cancelling) is sent only if the member wants
 *   calendar invites (`inviteEmails`);
 * - whoever holds an invite gets every update and the CANCEL, whatever that preference says now;
 * - nobody without one (opted out, waitlisted) gets an update or a CANCEL.
 *
 * SEQUENCE is per member and only goes up: each message carries
 * max(event's SEQUENCE, the last one sent to this member + 1), so a CANCEL after a REQUEST,
 * and a REQUEST after that CANCEL, each raise it (RFC 5546 3.2.5; Google ignores the rest).
 */

export type InviteIntent = "invite" | "update" | "cancel";
export type InviteMessage = { method: "REQUEST" | "CANCEL"; uid: string; sequence: number; rsvpId: string };

type Row = { rsvp_id: string; uid: string; sequence: number };

function messageOf(method: InviteMessage["method"], row: Row | undefined): InviteMessage | null {
  return row ? { method, uid: row.uid, sequence: Number(row.sequence), rsvpId: row.rsvp_id } : null;
}

/** Decides whether this message carries a calendar part, and records it. Null: no calendar part. */
export async function recordInvite(
  tx: Tx | Db,
  {
    event,
    userId,
    intent,
    wantsInvites,
    now,
  }: { event: Pick<InviteEvent, "id" | "sequence">; userId: string; intent: InviteIntent; wantsInvites: boolean; now: Date },
): Promise<InviteMessage | null> {
  if (intent === "invite" && wantsInvites) {
    const result = await tx.execute(sql`${sentInvite({ event, userId, now })} returning rsvp_id, uid, sequence`);
    return messageOf("REQUEST", rowsOf<Row>(result)[0]);
  }
  // Without a new invite, only an invite already on the member's calendar is updated or cancelled.
  const result = await tx.execute(sql`${heldInvite({ event, userId, intent, now })} returning rsvp_id, uid, sequence`);
  return messageOf(intent === "cancel" ? "CANCEL" : "REQUEST", rowsOf<Row>(result)[0]);
}

type InviteScope = { event: Pick<InviteEvent, "id" | "sequence">; userId: string; now: Date };

/**
 * A new invite (REQUEST) for the member's RSVP, as one statement without RETURNING, so
 * lib/events/rsvp-seat.ts can run it as a WITH item of the statement that seats them:
 * `rsvpSource` (columns id, event_id, user_id) is then that statement's upsert, and
 * `onlyIf` limits it to a seat. The RSVP row names the invite; a re-RSVP reuses it, and
 * its SEQUENCE carries on from the CANCEL.
 */
export function sentInvite({ event, userId, now }: InviteScope, { rsvpSource = sql`rsvps`, onlyIf = sql`true` }: { rsvpSource?: SQL; onlyIf?: SQL } = {}): SQL {
  return sql`
    insert into calendar_invites (rsvp_id, event_id, user_id, uid, sequence, state, updated_at)
    select r.id, r.event_id, r.user_id, ${eventUid(event.id)}, ${event.sequence}::integer, 'sent', ${now.toISOString()}::timestamptz
    from ${rsvpSource} r where r.event_id = ${event.id} and r.user_id = ${userId} and (${onlyIf})
    on conflict (rsvp_id) do update
      set sequence = greatest(excluded.sequence, calendar_invites.sequence + 1), state = 'sent', updated_at = excluded.updated_at`;
}

/** An update or CANCEL of the invite the member's calendar holds, if it holds one; `onlyIf` as for sentInvite. */
export function heldInvite({ event, userId, intent, now }: InviteScope & { intent: InviteIntent }, { onlyIf = sql`true` }: { onlyIf?: SQL } = {}): SQL {
  return sql`
    update calendar_invites set sequence = greatest(${event.sequence}::integer, calendar_invites.sequence + 1),
      state = ${sql.raw(intent === "cancel" ? "'cancelled'" : "'sent'")}, updated_at = ${now.toISOString()}::timestamptz
    where calendar_invites.event_id = ${event.id} and calendar_invites.user_id = ${userId} and calendar_invites.state = 'sent' and (${onlyIf})`;
}

/** The member's invite as it stands: what their own .ics download and the event page go by. */
export async function inviteOf(tx: Tx | Db, { eventId, userId }: { eventId: string; userId: string }) {
  const [row] = await tx
    .select({ uid: calendarInvites.uid, sequence: calendarInvites.sequence, state: calendarInvites.state })
    .from(calendarInvites)
    .where(and(eq(calendarInvites.eventId, eventId), eq(calendarInvites.userId, userId)));
  return row ?? null;
}

/**
 * The iTIP invitation (REQUEST) or cancellation (CANCEL) that goes with an event
 * email. It is built inside the transaction that queues the mail, so a calendar it
 * cannot build (a malformed address, say) costs the attachment, never the RSVP.
 * ORGANIZER is the member's own reply address, so a Decline in their calendar reaches
 * the receiver (lib/calendar/replies.ts) instead of an unread mailbox.
 */
export function buildInviteAttachment({
  event,
  attendee,
  invite,
  cancelledBy,
  cancelNote,
  now = new Date(),
}: {
  event: InviteEvent;
  attendee: { email: string; name: string | null };
  invite: InviteMessage;
  cancelledBy?: "member" | "organizers";
  cancelNote?: string | null;
  now?: Date;
}): OutboxCalendar | undefined {
  const { method } = invite;
  // The type already says so; this guards callers that cast, because a PUBLISH file in
  // a mailbox is imported as a copy the organizer can no longer update or cancel.
  if (method !== "REQUEST" && method !== "CANCEL") throw new Error(`Invitations are REQUEST or CANCEL, not ${String(method)}`);
  try {
    const content = buildCalendar({
      method,
      events: [{ event, uid: invite.uid, sequence: invite.sequence, cancelledBy, cancelNote }],
      attendee,
      organizerEmail: replyAddress(invite.rsvpId),
      now,
    });
    return { method, content, filename: "invite.ics" };
  } catch (error) {
    console.error(`[calendar] no ${method} attachment for event ${event.id}:`, error instanceof Error ? error.message : error);
    return undefined;
  }
}
