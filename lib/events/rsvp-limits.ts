import "server-only";
import { enforceRateLimits } from "@/lib/rate-limit";
import type { Viewer } from "@/lib/viewer";

/** Each RSVP change mails the member (and may mail whoever a freed seat goes to), so toggling is limited. */
export const RSVP_CHANGES_PER_EVENT = 6;
export const RSVP_CHANGES_PER_MEMBER = 30;
export const RSVP_WINDOW_MS = 15 * 60 * 1000;

export async function limitRsvpChanges(viewer: Viewer, eventId: string, now = new Date()): Promise<void> {
  await enforceRateLimits(
    [
      { bucket: `rsvp:event:${eventId}:user:${viewer.id}`, limit: RSVP_CHANGES_PER_EVENT, windowMs: RSVP_WINDOW_MS },
      { bucket: `rsvp:user:${viewer.id}`, limit: RSVP_CHANGES_PER_MEMBER, windowMs: RSVP_WINDOW_MS },
    ],
    { doing: "changed your RSVPs", timeZone: viewer.timeZone, now },
  );
}
