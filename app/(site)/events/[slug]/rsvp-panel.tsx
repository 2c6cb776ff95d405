"use client";

import { useActionState } from "react";
import { changeRsvp, type RsvpFormState } from "./actions";

type Props = {
  eventId: string;
  slug: string;
  rsvp: { status: "going" | "waitlisted" | "cancelled"; waitlistPosition: number | null } | null;
  full: boolean;
};

const initial: RsvpFormState = { status: "idle" };

/** The viewer's RSVP state and the one button that changes it. */
export function RsvpPanel({ eventId, slug, rsvp, full }: Props) {
  const [state, formAction, pending] = useActionState(changeRsvp, initial);
  const active = rsvp && rsvp.status !== "cancelled" ? rsvp : null;
  return (
    <div className="margin-top-2" data-testid="rsvp-panel">
      {state.status !== "idle" ? (
        <div className={`usa-alert usa-alert--slim ${state.status === "error" ? "usa-alert--error" : "usa-alert--success"}`} role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{state.message}</p>
          </div>
        </div>
      ) : null}
      {active?.status === "going" ? <p className="text-bold" data-testid="rsvp-state">You&rsquo;re going.</p> : null}
      {active?.status === "waitlisted" ? (
        <p className="text-bold" data-testid="rsvp-state">
          You&rsquo;re number {active.waitlistPosition} on the waitlist.
        </p>
      ) : null}
      <form action={formAction}>
        <input type="hidden" name="eventId" value={eventId} />
        <input type="hidden" name="slug" value={slug} />
        {active ? (
          <button className="usa-button usa-button--outline" type="submit" name="intent" value="cancel" disabled={pending}>
            {active.status === "going" ? "Cancel my RSVP" : "Leave the waitlist"}
          </button>
        ) : (
          <button className="usa-button" type="submit" name="intent" value="going" disabled={pending}>
            {full ? "Join the waitlist" : "RSVP: I'm going"}
          </button>
        )}
      </form>
    </div>
  );
}
