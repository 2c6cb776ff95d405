import type { RsvpState } from "./rsvp";

type Held = Exclude<RsvpState, "cancelled">;

/**
 * The line the RSVP panel shows after each answer, by what happened: the words say what the
 * member now has (a seat, a place in line, neither), so leaving a waitlist never reads as
 * cancelling a seat. One place, so the panel's action and its tests agree.
 */
export const RSVP_MESSAGES = {
  going: "You're going. A confirmation is on its way to your email.",
  waitlisted: (position: number | null) => `The event is full, so you're number ${position} on the waitlist. We'll email you if a seat opens.`,
  kept: "Nothing changed: you keep your place.",
  left: {
    going: "Your RSVP is cancelled.",
    waitlisted: "You left the waitlist.",
  } satisfies Record<Held, string>,
  // A second "Yes, cancel" (a resubmitted page, another tab): there was nothing left to give up.
  nothingToCancel: "You had no RSVP for this event, so nothing changed.",
} as const;

/** After "Yes, cancel" / "Yes, leave the waitlist": what the member gave up, or that there was nothing. */
export function cancelledMessage(left: Held | null): string {
  return left ? RSVP_MESSAGES.left[left] : RSVP_MESSAGES.nothingToCancel;
}
