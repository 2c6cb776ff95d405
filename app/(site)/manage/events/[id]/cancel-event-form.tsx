"use client";

import { useActionState } from "react";
import { idleFormState } from "@/lib/form-state";
import { cancelEventAction } from "../actions";
import { Outcome, TextArea } from "../form-controls";

/** Cancelling tells everyone going or waiting, so the organizer must say why. */
export function CancelEventForm({ id }: { id: string }) {
  const [state, formAction, pending] = useActionState(cancelEventAction.bind(null, id), idleFormState);
  return (
    <form action={formAction} className="usa-form usa-form--large" noValidate>
      <Outcome status={state.status} message={state.message} />
      <TextArea
        name="message"
        label="Message to attendees"
        hint="Sent by email to everyone going or on the waitlist, and shown on the event page."
        rows={4}
        defaultValue={state.values?.message ?? ""}
        errors={state.fieldErrors?.message}
      />
      <button type="submit" className="usa-button usa-button--secondary" disabled={pending}>
        Cancel event
      </button>
    </form>
  );
}
