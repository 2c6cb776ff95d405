"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormAlert, SubmitButton } from "@/components/forms";
import { rsvpToSeriesAction } from "./actions";
import type { SeriesRsvpState } from "./series-rsvp-state";

const OUTCOME_LABELS = { going: "Going", waitlisted: "Waitlisted", refused: "Not RSVPed" } as const;

/** One button for every upcoming date; the answer lists each date's outcome. */
export function SeriesRsvpForm({ seriesId, openCount }: { seriesId: string; openCount: number }) {
  const [state, formAction, pending] = useActionState(rsvpToSeriesAction.bind(null, seriesId), { status: "idle" } as SeriesRsvpState);
  return (
    <form action={formAction} noValidate>
      <FormAlert state={state} />
      {state.outcomes && state.outcomes.length > 0 ? (
        <ul className="usa-list" aria-label="Your RSVP to each date">
          {state.outcomes.map((o) => (
            <li key={o.eventId}>
              <Link href={`/events/${o.slug}`} className="usa-link">
                {o.when}
              </Link>
              : {OUTCOME_LABELS[o.outcome]}
              {o.detail ? ` (${o.detail})` : null}
            </li>
          ))}
        </ul>
      ) : null}
      <SubmitButton pending={pending} pendingLabel="RSVPing…" className="margin-top-1">
        {`RSVP to all ${openCount} upcoming ${openCount === 1 ? "date" : "dates"}`}
      </SubmitButton>
    </form>
  );
}
