import "server-only";
import type { OutboxCalendar } from "@/db/schema";
import { buildCalendar } from "./ics";
import type { InviteEvent } from "./types";

/**
 * The iTIP invitation (REQUEST) or cancellation (CANCEL) that goes with an event
 * email. It is built inside the transaction that queues the mail, so a calendar it
 * cannot build (a malformed address, say) costs the attachment, never the RSVP.
 */
export function buildInviteAttachment({
  event,
  attendee,
  method,
  now = new Date(),
}: {
  event: InviteEvent;
  attendee: { email: string; name: string | null };
  method: "REQUEST" | "CANCEL";
  now?: Date;
}): OutboxCalendar | undefined {
  // The type already says so; this guards callers that cast, because a PUBLISH file in
  // a mailbox is imported as a copy the organizer can no longer update or cancel.
  if (method !== "REQUEST" && method !== "CANCEL") throw new Error(`Invitations are REQUEST or CANCEL, not ${String(method)}`);
  try {
    const content = buildCalendar({ method, events: [{ event }], attendee, now });
    return { method, content, filename: "invite.ics" };
  } catch (error) {
    console.error(`[calendar] no ${method} attachment for event ${event.id}:`, error instanceof Error ? error.message : error);
    return undefined;
  }
}
