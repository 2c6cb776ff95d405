import type { ViewerEventState } from "./queries";

/** What the RSVP part of an event page offers one viewer; the same rule for the per-request page and the cached page's personal parts. */
export type RsvpArea = {
  /** Why RSVPs are closed (the event has started, the deadline passed), or null. */
  closedReason: string | null;
  /** The call to action: sign in, finish joining, the RSVP panel, why this member may not attend, or nothing. */
  offer: "sign-in" | "join" | "panel" | "outside-audience" | "none";
  /** The member's accommodation form shows beside the panel while the event is still ahead. */
  accommodation: boolean;
};

type AreaEvent = { status: string; startsAt: Date; rsvpDeadline: Date | null };
type AreaViewer = { hasJoined: boolean } | null;

export function rsvpClosedReason(event: AreaEvent, now: Date): string | null {
  if (event.status !== "published") return null;
  if (event.startsAt <= now) return "This event has started or already happened, so RSVPs are closed.";
  if (event.rsvpDeadline && event.rsvpDeadline <= now) return "RSVPs for this event are closed.";
  return null;
}

export function rsvpAreaFor(event: AreaEvent, viewer: AreaViewer, state: Pick<ViewerEventState, "rsvp" | "audienceRefusal">, now: Date): RsvpArea {
  const closedReason = rsvpClosedReason(event, now);
  if (event.status !== "published") return { closedReason, offer: "none", accommodation: false };
  if (!viewer) return { closedReason, offer: closedReason ? "none" : "sign-in", accommodation: false };
  if (!viewer.hasJoined) return { closedReason, offer: closedReason ? "none" : "join", accommodation: false };
  const holdsRsvp = state.rsvp !== null && state.rsvp.status !== "cancelled";
  // registry: a member outside the audience who holds no RSVP sees why instead of the button (lib/ refuses one too).
  if (!closedReason && state.audienceRefusal && !holdsRsvp) return { closedReason, offer: "outside-audience", accommodation: false };
  // A member who RSVPed keeps the panel after RSVPs close, so they can still cancel.
  const panel = !closedReason || state.rsvp !== null;
  return { closedReason, offer: panel ? "panel" : "none", accommodation: panel && event.startsAt > now };
}
