"use client";

import { useActionState } from "react";
import { FormAlert, TextArea } from "@/components/forms";
import { idleState } from "@/lib/actions/state";
import { cancelEventAction } from "../actions";

/** Cancelling tells everyone going or waiting, so the organizer must say why. */
export function CancelEventForm({ id }: { id: string }) {
  const [state, formAction, pending] = useActionState(cancelEventAction.bind(null, id), idleState);
  return (
    <form action={formAction} className="usa-form usa-form--large" noValidate>
      <FormAlert state={state} />
      <TextArea
        name="message"
        label="Message to attendees"
        hint="Sent by email to everyone going or on the waitlist, and shown on the event page."
        rows={4}
        defaultValue={state.values?.message ?? ""}
        errors={state.errors?.message}
      />
      <button type="submit" className="usa-button usa-button--secondary" disabled={pending}>
        Cancel event
      </button>
    </form>
  );
}
