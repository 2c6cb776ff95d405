"use client";

import { createContext, use, useActionState, useEffect, useRef, useState } from "react";
import { availabilityLabel } from "@/components/event-tags";
import { EventFact } from "@/components/event-fact";
import type { RsvpView } from "@/lib/events/queries";
import { changeRsvp, type RsvpFormState } from "@/app/(site)/events/[slug]/actions";

type RsvpContextValue = {
  view: RsvpView;
  capacity: number | null;
  state: RsvpFormState;
  formAction: (formData: FormData) => void;
  pending: boolean;
  refreshPage: boolean;
};

const RsvpContext = createContext<RsvpContextValue | null>(null);
const idle: RsvpFormState = { status: "idle" };

/**
 * The viewer's part of an event: their RSVP, the seats left and the join link.
 * An RSVP answers with the new state and only these parts change; the rest of
 * the page stays as rendered, so a rush of RSVPs costs no page renders.
 * Whichever is newer shows: the action's answer, or a fresh server view (a
 * refresh). Not keyed by the view: without JavaScript the action's answer comes
 * back in a page whose view has changed, and React matches that answer to this
 * hook by its place in the tree, so a key that changes with the view would drop
 * the result line ("Your RSVP is cancelled.").
 */
export function RsvpProvider({
  initial,
  capacity,
  refreshPage = false,
  children,
}: {
  initial: RsvpView;
  capacity: number | null;
  /** My events re-renders after a change, so a cancelled event leaves the list. */
  refreshPage?: boolean;
  children: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState(changeRsvp, idle);
  // The cancel question and "Keep my seat" answer without a view: keep showing the last one seen,
  // not the page's first (a member who RSVPed here and then asked to cancel is still going).
  const serverView = JSON.stringify(initial);
  const [shown, setShown] = useState({ serverView, state, view: state.view ?? initial });
  if (shown.serverView !== serverView) setShown({ serverView, state, view: initial });
  else if (shown.state !== state) setShown({ serverView, state, view: state.view ?? shown.view });
  return <RsvpContext value={{ view: shown.view, capacity, state, formAction, pending, refreshPage }}>{children}</RsvpContext>;
}

function useRsvp(): RsvpContextValue {
  const value = use(RsvpContext);
  if (!value) throw new Error("RSVP parts must be inside an RsvpProvider");
  return value;
}

/** The viewer's RSVP as the page shows it now, for parts beside the panel (the accommodation form). */
export function useRsvpView(): RsvpView {
  return useRsvp().view;
}

export function SeatsFact() {
  const { view, capacity } = useRsvp();
  const label = availabilityLabel(capacity, view.goingCount);
  return label ? <EventFact label="Seats">{label}</EventFact> : null;
}

export function JoinLinkFact() {
  const { view } = useRsvp();
  return (
    <EventFact label="Online" data-testid="join-link">
      {view.joinUrl ? (
        <a href={view.joinUrl} className="usa-link" rel="noopener noreferrer">
          Join the session
        </a>
      ) : (
        "The join link is shared with members who are going."
      )}
    </EventFact>
  );
}

/**
 * The Google and Outlook links of the calendar menu, or, for a member whose calendar holds our
 * invite, why there are none: they would add a second entry that updates never reach. Follows the
 * RSVP as it changes on the page.
 */
export function WebCalendarLinks({ links }: { links: { label: string; href: string }[] }) {
  const { view } = useRsvp();
  if (view.hasInvite) {
    return (
      <li className="margin-bottom-1" data-testid="invite-in-calendar">
        The invitation we emailed you is already in your calendar and stays up to date. Adding the event to Google Calendar or Outlook again would make a second
        copy that changes won&rsquo;t reach.
      </li>
    );
  }
  return links.map((link) => (
    <li key={link.label} className="margin-bottom-1">
      <a className="usa-link usa-link--external" href={link.href} target="_blank" rel="noopener noreferrer">
        {link.label}
        <span className="usa-sr-only"> (opens in a new tab)</span>
      </a>
    </li>
  ));
}

/**
 * The viewer's RSVP state and the one button that changes it. Cancelling asks first ("Cancel my RSVP?"),
 * in the page and by the server (so it works without script), because the seat goes to the waitlist at once.
 * After every answer focus moves to it (the result, or the question), not to the top of the page.
 */
export function RsvpPanel({ eventId }: { eventId: string }) {
  const { view, capacity, state, formAction, pending, refreshPage } = useRsvp();
  const result = useRef<HTMLDivElement>(null);
  useEffect(() => result.current?.focus(), [state]);
  const active = view.rsvp && view.rsvp.status !== "cancelled" ? view.rsvp : null;
  const full = capacity !== null && view.goingCount >= capacity;
  const confirming = state.status === "confirm" && active ? active : null;
  const going = active?.status === "going";
  return (
    <div className="margin-top-2" data-testid="rsvp-panel">
      {state.message && (state.status === "success" || state.status === "error") ? (
        <div
          ref={result}
          tabIndex={-1}
          className={`usa-alert usa-alert--slim ${state.status === "error" ? "usa-alert--error" : "usa-alert--success"}`}
          role="status"
          data-testid="rsvp-result"
        >
          <div className="usa-alert__body">
            <p className="usa-alert__text">{state.message}</p>
          </div>
        </div>
      ) : null}
      {active?.status === "going" ? (
        <p className="text-bold" data-testid="rsvp-state">
          You&rsquo;re going.
        </p>
      ) : null}
      {active?.status === "waitlisted" ? (
        <p className="text-bold" data-testid="rsvp-state">
          You&rsquo;re number {active.waitlistPosition} on the waitlist.
        </p>
      ) : null}
      <form action={formAction}>
        <input type="hidden" name="eventId" value={eventId} />
        {refreshPage ? <input type="hidden" name="refresh" value="page" /> : null}
        {confirming ? (
          <div ref={result} tabIndex={-1} className="usa-alert usa-alert--warning usa-alert--slim" role="status" data-testid="rsvp-confirm">
            <div className="usa-alert__body">
              <p className="usa-alert__text text-bold">{going ? "Cancel my RSVP?" : "Leave the waitlist?"}</p>
              <p className="usa-alert__text">
                {going
                  ? "If anyone is on the waitlist, your seat goes to the first of them right away."
                  : "You lose your place in line; joining again puts you at the end."}
              </p>
            </div>
          </div>
        ) : null}
        {confirming ? (
          <ul className="usa-button-group margin-top-1">
            <li className="usa-button-group__item">
              <button className="usa-button usa-button--secondary" type="submit" name="intent" value="cancel-confirmed" disabled={pending}>
                {going ? "Yes, cancel" : "Yes, leave the waitlist"}
              </button>
            </li>
            <li className="usa-button-group__item">
              <button className="usa-button usa-button--outline" type="submit" name="intent" value="keep" disabled={pending}>
                {going ? "Keep my seat" : "Stay on the waitlist"}
              </button>
            </li>
          </ul>
        ) : active ? (
          <button className="usa-button usa-button--outline" type="submit" name="intent" value="cancel" disabled={pending}>
            {going ? "Cancel my RSVP" : "Leave the waitlist"}
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
