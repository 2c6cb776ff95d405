import "server-only";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Tx } from "@/db";
import { eventMessages, events, rsvps, users, type MessageRecipient } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertRole } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/events/manage-read";
import { enqueueMail, kickMailDeliverer } from "@/lib/mail";
import { enforceRateLimits } from "@/lib/rate-limit";
import { COMMUNITY_NAME, siteUrl } from "@/lib/site";
import { formatShortStart } from "@/lib/time";
import type { Viewer } from "@/lib/viewer";
import { AUDIENCES, audienceLabels, type Audience } from "./audiences";

const ORGANIZERS: Viewer["role"][] = ["organizer", "admin"];
export const SUBJECT_MAX = 150;
export const BODY_MAX = 5000;

// Line breaks are fine in the body; other control characters only hide text or confuse mail clients.
const BODY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const eventMessageSchema = z.strictObject({
  audience: z.enum(AUDIENCES, { error: "Choose who gets the message." }),
  subject: z
    .string()
    // Checked before trimming: a line break anywhere in a subject is header injection, not whitespace.
    .regex(/^[^\r\n]*$/, { error: "The subject must be a single line." })
    .trim()
    .min(1, { error: "Enter a subject." })
    .max(SUBJECT_MAX, { error: `Keep the subject to ${SUBJECT_MAX} characters or fewer.` }),
  body: z
    .string()
    .trim()
    .min(1, { error: "Write the message." })
    .max(BODY_MAX, { error: `Keep the message to ${BODY_MAX.toLocaleString("en-US")} characters or fewer.` })
    .refine((value) => !BODY_CONTROL.test(value), { error: "Remove control characters from the message." }),
});
export type EventMessageInput = z.infer<typeof eventMessageSchema>;

const statusesOf: Record<Audience, ("going" | "waitlisted")[]> = {
  going: ["going"],
  waitlisted: ["waitlisted"],
  both: ["going", "waitlisted"],
};

type MessageEvent = { id: string; slug: string; title: string; startsAt: Date; timeZone: string; status: string };

async function eventFor(tx: Tx, eventId: string): Promise<MessageEvent> {
  if (!isUuid(eventId)) throw new AppError("not_found", "That event could not be found.");
  const [event] = await tx
    .select({ id: events.id, slug: events.slug, title: events.title, startsAt: events.startsAt, timeZone: events.timeZone, status: events.status })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) throw new AppError("not_found", "That event could not be found.");
  if (event.status === "draft") throw new AppError("conflict", "Nobody can RSVP to a draft, so there is nobody to write to.");
  return event;
}

/** The people a message goes to, scoped to this event, in queue order; disabled accounts are left out. */
async function recipientsOf(tx: Tx, eventId: string, audience: Audience): Promise<MessageRecipient[]> {
  return tx
    .select({ userId: rsvps.userId, email: users.email, status: rsvps.status })
    .from(rsvps)
    .innerJoin(users, eq(users.id, rsvps.userId))
    .where(and(eq(rsvps.eventId, eventId), inArray(rsvps.status, statusesOf[audience]), isNull(users.disabledAt)))
    .orderBy(asc(rsvps.queuedAt), asc(rsvps.id)) as Promise<MessageRecipient[]>;
}

function messageText(event: MessageEvent, input: EventMessageInput): string {
  return [
    input.body,
    "",
    "--",
    `From the organizers of ${event.title} (${formatShortStart(event.startsAt, event.timeZone)}), to ${audienceLabels[input.audience]}.`,
    `Event page: ${siteUrl(`/events/${event.slug}`)}`,
    COMMUNITY_NAME,
  ].join("\n");
}

/** Each message mails everyone going or waiting, so a slip (or a stolen organizer session) must not become a flood. */
export const MESSAGES_PER_EVENT = 5;
export const MESSAGES_PER_ORGANIZER = 20;
export const MESSAGE_WINDOW_MS = 60 * 60 * 1000;

function limitEventMessages(viewer: Viewer, eventId: string, now: Date) {
  return enforceRateLimits(
    [
      { bucket: `event-message:event:${eventId}`, limit: MESSAGES_PER_EVENT, windowMs: MESSAGE_WINDOW_MS },
      { bucket: `event-message:sender:${viewer.id}`, limit: MESSAGES_PER_ORGANIZER, windowMs: MESSAGE_WINDOW_MS },
    ],
    { doing: "sent messages to attendees", timeZone: viewer.timeZone, now },
  );
}

export type MessagePreview = { subject: string; text: string; recipientCount: number; audience: Audience };

/** What would be sent, and to how many, without sending anything. */
export async function previewEventMessage(viewer: Viewer | null, { eventId, ...input }: EventMessageInput & { eventId: string }): Promise<MessagePreview> {
  assertRole(viewer, ORGANIZERS);
  const parsed = eventMessageSchema.parse(input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const event = await eventFor(tx, eventId);
    const recipients = await recipientsOf(tx, event.id, parsed.audience);
    return { subject: parsed.subject, text: messageText(event, parsed), recipientCount: recipients.length, audience: parsed.audience };
  });
}

/**
 * Sends one email per recipient through the outbox and keeps the message with its
 * recipients, in the event's record and the audit log, in one transaction.
 */
export async function sendEventMessage(
  viewer: Viewer | null,
  { eventId, ...input }: EventMessageInput & { eventId: string },
  now = new Date(),
): Promise<{ id: string; recipientCount: number }> {
  assertRole(viewer, ORGANIZERS);
  const parsed = eventMessageSchema.parse(input);
  await limitEventMessages(viewer, eventId, now);
  const db = await getDb();
  const sent = await db.transaction(async (tx) => {
    const event = await eventFor(tx, eventId);
    const recipients = await recipientsOf(tx, event.id, parsed.audience);
    if (recipients.length === 0) {
      throw new AppError("invalid", `There is nobody to send this to: ${audienceLabels[parsed.audience]} is an empty list.`, {
        audience: ["Nobody is in this group yet."],
      });
    }
    const [message] = await tx
      .insert(eventMessages)
      .values({ eventId: event.id, senderId: viewer.id, senderEmail: viewer.email, ...parsed, recipients, createdAt: now })
      .returning({ id: eventMessages.id });
    const text = messageText(event, parsed);
    for (const recipient of recipients) {
      await enqueueMail(tx, { to: recipient.email, subject: parsed.subject, text, headers: { "Reply-To": viewer.email }, kind: "event_message" });
    }
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "event.message_sent",
      targetType: "event",
      targetId: event.id,
      detail: {
        messageId: message!.id,
        audience: parsed.audience,
        subject: parsed.subject,
        recipients: recipients.map((recipient) => recipient.email),
      },
    });
    return { id: message!.id, recipientCount: recipients.length };
  });
  kickMailDeliverer();
  return sent;
}

export type SentMessage = {
  id: string;
  audience: Audience;
  subject: string;
  body: string;
  senderEmail: string;
  recipientCount: number;
  createdAt: Date;
};

/** Every message sent about an event, newest first, for its manage page. */
export async function listEventMessages(viewer: Viewer | null, eventId: string): Promise<SentMessage[]> {
  assertRole(viewer, ORGANIZERS);
  if (!isUuid(eventId)) throw new AppError("not_found", "That event could not be found.");
  const db = await getDb();
  const rows = await db
    .select({
      id: eventMessages.id,
      audience: eventMessages.audience,
      subject: eventMessages.subject,
      body: eventMessages.body,
      senderEmail: eventMessages.senderEmail,
      recipients: eventMessages.recipients,
      createdAt: eventMessages.createdAt,
    })
    .from(eventMessages)
    .where(eq(eventMessages.eventId, eventId))
    .orderBy(desc(eventMessages.createdAt));
  return rows.map(({ recipients, ...row }) => ({ ...row, recipientCount: recipients.length }));
}
