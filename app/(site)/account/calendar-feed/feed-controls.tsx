"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms";
import { CalendarSubscribe } from "@/components/calendar-subscribe";
import { calendarFeedAction, type CalendarFeedState } from "./actions";

const idle: CalendarFeedState = { status: "idle" };

export function CalendarFeedControls({ enabled, createdLabel }: { enabled: boolean; createdLabel: string | null }) {
  const [state, formAction, pending] = useActionState(calendarFeedAction, idle);
  return (
    <>
      <div role="status">
        {state.status === "success" && state.feedUrl ? (
          <div className="usa-alert usa-alert--success">
            <div className="usa-alert__body">
              <h3 className="usa-alert__heading">Your feed link is ready</h3>
              <p className="usa-alert__text">
                Subscribe now or copy the address somewhere safe: for your privacy it is shown only this once. Lost it? Create a new link.
              </p>
              <CalendarSubscribe feedUrl={state.feedUrl} calendarName="your events feed" />
            </div>
          </div>
        ) : null}
        {state.status === "success" && !state.feedUrl ? (
          <div className="usa-alert usa-alert--info usa-alert--slim">
            <div className="usa-alert__body">
              <p className="usa-alert__text">Your feed is off. Calendars subscribed to it stop updating; you can remove the subscription there.</p>
            </div>
          </div>
        ) : null}
      </div>
      <FormAlert state={state} />

      <p>
        {enabled ? `Your feed is on${createdLabel ? `; its link was created ${createdLabel}` : ""}.` : "Your feed is off. Create a link to subscribe to it."}
      </p>
      <form action={formAction}>
        {enabled ? (
          <>
            <button className="usa-button usa-button--outline" type="submit" name="intent" value="create" disabled={pending}>
              Create a new link (the old one stops working)
            </button>
            <button className="usa-button usa-button--secondary" type="submit" name="intent" value="turn-off" disabled={pending}>
              Turn off feed
            </button>
          </>
        ) : (
          <button className="usa-button" type="submit" name="intent" value="create" disabled={pending}>
            Create feed link
          </button>
        )}
      </form>
    </>
  );
}
