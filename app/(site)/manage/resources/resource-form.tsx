"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Input, Outcome } from "@/app/(site)/manage/events/form-controls";
import { idleFormState, type FormState } from "@/lib/form-state";
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
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  defaults: ResourceFormFields;
  events: EventOption[];
  withUrl: boolean;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleFormState);
  // After a refused submit, show what was sent (React resets the form to these defaults), not what was loaded.
  const values: ResourceFormFields = { ...defaults, ...state.values };
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="usa-form usa-form--large maxw-tablet-lg" noValidate>
      <Outcome status={state.status} message={state.message} />
      {withUrl ? (
        <Input
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
        <button className="usa-button" type="submit" disabled={pending}>
          {submitLabel}
        </button>
        <Link href="/manage/resources" className="usa-button usa-button--unstyled margin-left-2">
          Cancel
        </Link>
      </div>
    </form>
  );
}
