"use client";

import { useActionState, useState } from "react";
import { Checkbox, Fieldset, FormAlert, TextArea, fieldBinder, type FieldCopy } from "@/components/forms";
import { ACCOMMODATION_STATUS_LABELS, LATE_NOTE, NEED_LABELS, NEEDS, type AccommodationNeed } from "@/lib/accommodations/vocabulary";
import type { OwnAccommodationRequest } from "@/lib/accommodations/requests";
import { requestAccommodationAction, type AccommodationFormState } from "@/app/(site)/events/[slug]/accommodation-actions";
import { useRsvpView } from "./rsvp-panel";

type FieldName = AccommodationNeed | "other";

const idle: AccommodationFormState = { status: "idle" };

function copyFor(otherMax: number): Record<FieldName, FieldCopy> {
  const needs = Object.fromEntries(NEEDS.map((need) => [need, { label: NEED_LABELS[need].label, hint: NEED_LABELS[need].hint }])) as Record<
    AccommodationNeed,
    FieldCopy
  >;
  return {
    ...needs,
    other: { label: "Anything else you need", hint: `Up to ${otherMax} characters. Only this event's organizers see it.`, optional: true },
  };
}

/**
 * The member's accommodation request, beside their RSVP: shown once they hold one (the RSVP panel's
 * answer reveals it without a page render), with what they asked for, its status and the organizer's note.
 */
export function AccommodationForm({
  eventId,
  initial,
  deadlineText,
  pastDeadline,
  otherMax,
  headingLevel = 2,
}: {
  eventId: string;
  initial: OwnAccommodationRequest | null;
  /** "Ask by Tuesday, December 1 …": when a request still counts as on time. */
  deadlineText: string;
  pastDeadline: boolean;
  otherMax: number;
  headingLevel?: 2 | 3 | 4;
}) {
  const view = useRsvpView();
  const holds = view.rsvp !== null && view.rsvp.status !== "cancelled";
  const [state, formAction, pending] = useActionState(requestAccommodationAction, idle);
  const [request, setRequest] = useState(initial);
  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.request !== undefined) setRequest(state.request);
  }
  // Cancelling the RSVP withdrew the request on the server, in the cancel's own transaction.
  if (!holds && request) setRequest(null);

  const Heading = `h${headingLevel}` as const;
  const headingId = `accommodations-${eventId}`;
  const values: Partial<Record<FieldName, string>> = state.status === "error" && state.values ? state.values : { other: request?.other ?? "" };
  const field = fieldBinder<FieldName>(values, state.errors ?? {}, copyFor(otherMax));
  const checked = (need: AccommodationNeed) =>
    state.status === "error" && state.values ? state.values[need] === "on" : (request?.needs.includes(need) ?? false);

  return (
    // White behind the form: the details box's tint would take the hints below AA contrast.
    <section aria-labelledby={headingId} className="margin-top-3 bg-white padding-2 radius-md border-1px border-base-lighter" data-testid="accommodations">
      <Heading id={headingId} className="font-heading-md margin-bottom-1">
        Accommodations
      </Heading>
      {!holds ? (
        <p className="margin-top-0">Need CART captioning, an ASL interpreter or another accommodation? RSVP, then ask for it here.</p>
      ) : (
        <>
          {request ? <RequestSummary request={request} /> : null}
          <form action={formAction} className="usa-form maxw-full" noValidate>
            <FormAlert state={state} />
            <input type="hidden" name="eventId" value={eventId} />
            <Fieldset
              id={`needs-${eventId}`}
              legend={request ? "Change what you need" : "What do you need to take part?"}
              hint={pastDeadline ? `${LATE_NOTE} You can still ask.` : `${deadlineText} Only this event's organizers see your request.`}
            >
              {NEEDS.map((need) => {
                const { name, label, hint, errors } = field(need);
                return <Checkbox key={need} name={name} id={`${need}-${eventId}`} label={label} hint={hint} errors={errors} defaultChecked={checked(need)} />;
              })}
              <TextArea {...field("other")} id={`other-${eventId}`} rows={3} />
            </Fieldset>
            <ul className="usa-button-group margin-top-2">
              <li className="usa-button-group__item">
                <button className="usa-button" type="submit" name="intent" value="save" disabled={pending}>
                  {request ? "Update my request" : "Send my request"}
                </button>
              </li>
              {request ? (
                <li className="usa-button-group__item">
                  <button className="usa-button usa-button--outline" type="submit" name="intent" value="withdraw" disabled={pending}>
                    Withdraw my request
                  </button>
                </li>
              ) : null}
            </ul>
          </form>
        </>
      )}
    </section>
  );
}

function RequestSummary({ request }: { request: OwnAccommodationRequest }) {
  const asked = [...request.needs.map((need) => NEED_LABELS[need].label), ...(request.other ? [`"${request.other}"`] : [])];
  return (
    <div className="bg-base-lightest padding-2 radius-md margin-bottom-2" data-testid="accommodation-status">
      <p className="margin-top-0">
        <span className="text-bold">Your request:</span> {asked.join(", ")}
      </p>
      <p>
        <span className="text-bold">Status:</span>{" "}
        <span className={`usa-tag ${request.status === "arranged" ? "bg-green" : request.status === "unavailable" ? "bg-secondary-dark" : ""}`}>
          {ACCOMMODATION_STATUS_LABELS[request.status].tag}
        </span>
      </p>
      {request.organizerNote ? (
        <p className="margin-bottom-0" style={{ whiteSpace: "pre-wrap" }}>
          <span className="text-bold">From the organizers:</span> {request.organizerNote}
        </p>
      ) : null}
      {request.late ? <p className="margin-bottom-0 text-italic">{LATE_NOTE}</p> : null}
    </div>
  );
}
