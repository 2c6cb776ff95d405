import "server-only";
import type { Db, Tx } from "@/db";
import { buildInviteAttachment, recordInvite, type InviteIntent, type InviteMessage } from "@/lib/calendar/invites";
import type { InviteEvent } from "@/lib/calendar/types";
import { enqueueMail, type OutgoingMail } from "@/lib/mail";
import { COMMUNITY_NAME, siteUrl } from "@/lib/site";
import { formatEventWhen, zonesDiffer } from "@/lib/time";

export type Recipient = { userId: string; email: string; name: string | null; timeZone: string; inviteEmails: boolean };

export type EventMailKind = "rsvp_confirmed" | "rsvp_waitlisted" | "rsvp_promoted" | "rsvp_cancelled" | "event_changed" | "event_cancelled";

const subjects: Record<EventMailKind, (title: string) => string> = {
  rsvp_confirmed: (t) => `You're going: ${t}`,
  rsvp_waitlisted: (t) => `You're on the waitlist: ${t}`,
  rsvp_promoted: (t) => `A seat opened up. You're going: ${t}`,
  rsvp_cancelled: (t) => `RSVP cancelled: ${t}`,
  event_changed: (t) => `Updated: ${t}`,
  event_cancelled: (t) => `Cancelled: ${t}`,
};

const openings: Record<EventMailKind, string> = {
  rsvp_confirmed: "You're going to this event. We saved you a seat.",
  rsvp_waitlisted: "This event is full, so you're on the waitlist. If a seat opens up, you'll get it automatically and we'll email you.",
  rsvp_promoted: "Good news: a seat opened up and it's yours. You're now going to this event.",
  rsvp_cancelled: "Your RSVP is cancelled. Thanks for letting us know; your seat goes to the next person on the waitlist.",
  event_changed: "The organizers changed the details of an event you RSVPed to. Here are the new details.",
  event_cancelled: "The organizers cancelled an event you RSVPed to.",
};

/** What each message may do to the member's calendar; lib/calendar/invites.ts decides whether it does. */
const calendarIntent: Partial<Record<EventMailKind, InviteIntent>> = {
  rsvp_confirmed: "invite",
  rsvp_promoted: "invite",
  event_changed: "update",
  rsvp_cancelled: "cancel",
  event_cancelled: "cancel",
};

export function eventMail({
  kind,
  event,
  recipient,
  note,
  invite,
  now,
}: {
  kind: EventMailKind;
  event: InviteEvent;
  recipient: Recipient;
  note?: string | null;
  /** The calendar part this message carries, as recorded by recordInvite; none without it. */
  invite?: InviteMessage | null;
  now?: Date;
}): OutgoingMail {
  const when = formatEventWhen(event.startsAt, event.endsAt, event.timeZone);
  const lines = [`Hello ${recipient.name ?? "there"},`, "", openings[kind], "", event.title, "", `When: ${when.date}, ${when.time}`];
  if (zonesDiffer(event.timeZone, recipient.timeZone, event.startsAt)) {
    const mine = formatEventWhen(event.startsAt, event.endsAt, recipient.timeZone);
    lines.push(`Your time: ${mine.date}, ${mine.time}`);
  }
  if (event.location) lines.push(`Where: ${event.location}`);
  const showJoinLink = (kind === "rsvp_confirmed" || kind === "rsvp_promoted" || kind === "event_changed") && event.joinUrl;
  if (showJoinLink) lines.push(`Join online: ${event.joinUrl}`);
  if (note) lines.push("", "Message from the organizers:", note);
  lines.push("", `Event page: ${siteUrl(`/events/${event.slug}`)}`);

  const calendar = invite
    ? buildInviteAttachment({
        event,
        attendee: recipient,
        invite,
        cancelledBy: kind === "rsvp_cancelled" ? "member" : "organizers",
        cancelNote: kind === "event_cancelled" ? note : null,
        now,
      })
    : undefined;
  if (calendar) {
    const what =
      invite?.method === "CANCEL"
        ? "A calendar cancellation is attached."
        : kind === "event_changed"
          ? "The calendar update is attached."
          : "A calendar invitation is attached.";
    lines.push("", what);
  }
  lines.push("", `${COMMUNITY_NAME}`, "You can change which emails you get on your account page: " + siteUrl("/account"));

  return { to: recipient.email, subject: subjects[kind](event.title), text: lines.join("\n"), calendar, kind };
}

/**
 * Records the calendar part (if any) and queues the mail in the caller's transaction, together.
 * Returns the invite it carries, or null.
 */
export async function queueEventMail(tx: Tx | Db, params: Omit<Parameters<typeof eventMail>[0], "invite">): Promise<InviteMessage | null> {
  const now = params.now ?? new Date();
  const intent = calendarIntent[params.kind];
  const invite = intent
    ? await recordInvite(tx, { event: params.event, userId: params.recipient.userId, intent, wantsInvites: params.recipient.inviteEmails, now })
    : null;
  await enqueueMail(tx, eventMail({ ...params, invite, now }));
  return invite;
}
