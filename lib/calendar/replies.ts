import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { RetriesExhaustedError, withTransientRetry } from "@/db/retry";
import { rsvps, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { eventTags, staleTags } from "@/lib/cache/shared-cache";
import { cancelRsvpInLockedEvent, lockEvent, RSVP_LOCKING } from "@/lib/events/rsvp";
import { eventUid } from "./ics";
import { readReplyAddress } from "./reply-address";
import { readItipReply, type ItipReply } from "./reply-message";

/**
 * What became of a calendar reply. `refused` and `retry` are for the sender's relay
 * (bounce it; try again later); the rest are accepted, and only `declined` changed anything.
 */
export type ReplyOutcome =
  | { outcome: "declined"; rsvpId: string; eventId: string }
  | { outcome: "unchanged"; rsvpId: string; reason: string }
  | { outcome: "ignored"; rsvpId: string | null; reason: string }
  | { outcome: "refused"; reason: string }
  | { outcome: "retry"; reason: string };

type ReplyTarget = { rsvpId: string; eventId: string; userId: string; email: string; status: string; queuedAt: Date };

export const AUDIT_ACTION = "rsvp.cancelled_by_calendar_reply";

/**
 * The RSVP a reply address stands for, while it may still be answered: a token is
 * revoked when its RSVP is gone (the account was deleted) or its member is disabled.
 */
async function findTarget(address: string): Promise<ReplyTarget | { refused: string }> {
  const named = readReplyAddress(address);
  if (!named) return { refused: "not a calendar reply address of this site" };
  const db = await getDb();
  const [row] = await db
    .select({
      rsvpId: rsvps.id,
      eventId: rsvps.eventId,
      userId: rsvps.userId,
      status: rsvps.status,
      queuedAt: rsvps.queuedAt,
      email: users.email,
      disabledAt: users.disabledAt,
    })
    .from(rsvps)
    .innerJoin(users, eq(users.id, rsvps.userId))
    .where(eq(rsvps.id, named.rsvpId))
    .limit(1);
  if (!row || row.disabledAt) return { refused: "this reply address is no longer valid" };
  return row;
}

/**
 * The check a listener makes at RCPT TO, so a relay bounces mail for an address
 * nobody answers: null when the address may receive replies, else the reason.
 * Throws only when the database cannot say (the listener answers "try later").
 */
export async function refuseRecipient(address: string): Promise<string | null> {
  const target = await findTarget(address);
  return "refused" in target ? target.refused : null;
}

function log(result: ReplyOutcome): ReplyOutcome {
  const about = "rsvpId" in result && result.rsvpId ? ` (RSVP ${result.rsvpId})` : "";
  const reason = "reason" in result ? `: ${result.reason}` : "";
  const line = `[mail-in] calendar reply ${result.outcome}${about}${reason}`;
  if (result.outcome === "retry") console.warn(line);
  else console.info(line);
  return result;
}

/**
 * Acts on one calendar reply delivered to one recipient. The address (the envelope
 * recipient, else the REPLY's ORGANIZER) must be a reply address this site signed;
 * the REPLY must be for that RSVP's event (UID) and from that RSVP's member
 * (ATTENDEE, any case). DECLINED cancels the RSVP through lib/events/rsvp.ts, so the
 * seat goes to the first person waiting, who gets their invite; ACCEPTED and TENTATIVE
 * change nothing (a waitlisted member's ACCEPTED does not skip the line); anything
 * else is ignored. Every outcome is logged. A re-delivered DECLINED is harmless: the
 * RSVP is already cancelled, and a reply written before the member's latest RSVP
 * (its DTSTAMP is older) does not undo that RSVP.
 */
export async function handleCalendarReply({
  message,
  recipient = null,
  now = new Date(),
}: {
  message: Buffer | string;
  recipient?: string | null;
  now?: Date;
}): Promise<ReplyOutcome> {
  try {
    return log(await handle(message, recipient, now));
  } catch (error) {
    console.error("[mail-in] calendar reply failed:", error);
    return log({ outcome: "retry", reason: "the reply could not be processed now" });
  }
}

async function handle(message: Buffer | string, recipient: string | null, now: Date): Promise<ReplyOutcome> {
  let target = recipient ? await findTarget(recipient) : null;
  if (target && "refused" in target) return { outcome: "refused", reason: target.refused };
  const reply = await readItipReply(message);
  if (!reply) {
    if (!target) return { outcome: "refused", reason: "no recipient and no iTIP REPLY naming one" };
    return { outcome: "ignored", rsvpId: target.rsvpId, reason: "the message holds no iTIP REPLY" };
  }
  if (!target) {
    const fromOrganizer = reply.organizer ? await findTarget(reply.organizer) : { refused: "the REPLY has no ORGANIZER" };
    if ("refused" in fromOrganizer) return { outcome: "refused", reason: fromOrganizer.refused };
    target = fromOrganizer;
  }
  return decide(reply, target, now);
}

async function decide(reply: ItipReply, target: ReplyTarget, now: Date): Promise<ReplyOutcome> {
  const { rsvpId } = target;
  if (reply.uid.toLowerCase() !== eventUid(target.eventId).toLowerCase()) {
    return { outcome: "refused", reason: "the REPLY is about another event than its address" };
  }
  const attendee = reply.attendees.find((candidate) => candidate.email.toLowerCase() === target.email.toLowerCase());
  if (!attendee) return { outcome: "refused", reason: "the REPLY is not from the member this address belongs to" };

  if (attendee.partstat === "ACCEPTED" || attendee.partstat === "TENTATIVE") {
    return { outcome: "unchanged", rsvpId, reason: `${attendee.partstat} leaves the RSVP (${target.status}) as it is` };
  }
  if (attendee.partstat !== "DECLINED") return { outcome: "ignored", rsvpId, reason: `PARTSTAT ${attendee.partstat} is not acted on` };
  // DTSTAMP has whole seconds: only a reply from a second before the RSVP is older than it.
  if (reply.dtstamp && reply.dtstamp.getTime() < Math.floor(target.queuedAt.getTime() / 1000) * 1000) {
    return { outcome: "unchanged", rsvpId, reason: "the decline is older than the member's latest RSVP" };
  }
  return cancelByReply(target, now);
}

async function cancelByReply(target: ReplyTarget, now: Date): Promise<ReplyOutcome> {
  const { rsvpId, eventId, userId } = target;
  const db = await getDb();
  let result;
  try {
    result = await withTransientRetry(
      () =>
        db.transaction(async (tx) => {
          const event = await lockEvent(tx, eventId);
          if (!event || event.status !== "published") return { event, reason: "the event is not open (draft or cancelled)" };
          // Deleting a past entry in some calendars sends a decline: the record of who came stays.
          if (event.startsAt <= now) return { event, reason: "the event has already started" };
          const cancelled = await cancelRsvpInLockedEvent(tx, { event, userId, now });
          if (!cancelled) return { event, reason: "the RSVP was already cancelled" };
          await recordAudit(tx, { actorId: userId, action: AUDIT_ACTION, targetType: "event", targetId: eventId, detail: { rsvpId, via: "calendar reply" } });
          return { event, reason: null };
        }),
      { attempts: RSVP_LOCKING.attempts },
    );
  } catch (error) {
    if (error instanceof RetriesExhaustedError) return { outcome: "retry", reason: "the event is busy" };
    throw error;
  }
  if (result.reason) return { outcome: "unchanged", rsvpId, reason: result.reason };
  // Seat counts show on cached pages; outside the web server this reaches no cache, which catches up within a minute.
  // The decline is committed by now, so a cache that cannot be told must not turn it into "try again".
  try {
    staleTags(eventTags(result.event!));
  } catch (error) {
    console.warn("[mail-in] cached pages of the event not marked stale:", error instanceof Error ? error.message : error);
  }
  return { outcome: "declined", rsvpId, eventId };
}
