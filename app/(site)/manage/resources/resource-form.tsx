"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormAlert, SubmitButton, TextInput } from "@/components/forms";
import { idleState, type ActionState } from "@/lib/actions/state";
import type { ResourceFormFields } from "@/lib/resources/resource-schema";
import type { EventOption } from "./event-options";
import { ResourceFields } from "./resource-fields";

/** Adds a link, or edits any resource (a file's own bytes can't be changed here, so it has no URL field). */
export function ResourceForm({
  action,
  defaults,
  events,
  withUrl,
  submitLabel,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  defaults: ResourceFormFields;
  events: EventOption[];
  withUrl: boolean;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleState);
  // After a refused submit, show what was sent (React resets the form to these defaults), not what was loaded.
  const values: ResourceFormFields = { ...defaults, ...state.values };
  const errors = state.errors ?? {};
  return (
    <form action={formAction} className="usa-form usa-form--large maxw-tablet-lg" noValidate>
      <FormAlert state={state} />
      {withUrl ? (
        <TextInput
          name="url"
          type="url"
          label="Link"
          hint="The full address, starting with https://. For example: https://digital.gov/guides/"
          defaultValue={values.url}
          errors={errors.url}
        />
      ) : null}
      <ResourceFields values={values} errors={errors} events={events} />
      <div className="margin-top-3">
        <SubmitButton pending={pending} className="">
          {submitLabel}
        </SubmitButton>
        <Link href="/manage/resources" className="usa-button usa-button--unstyled margin-left-2">
          Cancel
        </Link>
      </div>
    </form>
  );
}
