"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormStatus } from "@/components/form-status";
import { TextField } from "@/components/text-field";
import { TimeZoneSelect } from "@/components/time-zone-select";
import { idleFormState } from "@/lib/form-state";
import { joinCommunity } from "./actions";

type Defaults = { name: string | null; agency: string | null; jobTitle: string | null; timeZone: string };

export function JoinForm({ defaults, next }: { defaults: Defaults; next: string }) {
  const [state, formAction, pending] = useActionState(joinCommunity, idleFormState);
  const values = { ...defaults, ...state.values };
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="usa-form usa-form--large" noValidate>
      <FormStatus state={state} />
      <input type="hidden" name="next" value={next} />
      <TextField name="name" label="Full name" autoComplete="name" defaultValue={values.name} errors={errors.name} />
      <TextField
        name="agency"
        label="Agency or organization"
        hint="For example: General Services Administration"
        autoComplete="organization"
        defaultValue={values.agency}
        errors={errors.agency}
      />
      <TextField
        name="jobTitle"
        label="Job title"
        autoComplete="organization-title"
        defaultValue={values.jobTitle}
        errors={errors.jobTitle}
      />
      <TimeZoneSelect defaultValue={values.timeZone} errors={errors.timeZone} />

      <fieldset className="usa-fieldset margin-top-3">
        <legend className="usa-legend">Community agreements</legend>
        {errors.acceptGuidelines ? (
          <span className="usa-error-message" id="acceptGuidelines-error" role="alert">
            {errors.acceptGuidelines[0]}
          </span>
        ) : null}
        <div className="usa-checkbox">
          <input className="usa-checkbox__input" id="acceptGuidelines" type="checkbox" name="acceptGuidelines" />
          <label className="usa-checkbox__label" htmlFor="acceptGuidelines">
            I have read and accept the{" "}
            <Link href="/guidelines" target="_blank" className="usa-link">
              community guidelines (opens in a new tab)
            </Link>
            .
          </label>
        </div>
        {errors.acknowledgeFoia ? (
          <span className="usa-error-message" id="acknowledgeFoia-error" role="alert">
            {errors.acknowledgeFoia[0]}
          </span>
        ) : null}
        <div className="usa-checkbox">
          <input className="usa-checkbox__input" id="acknowledgeFoia" type="checkbox" name="acknowledgeFoia" />
          <label className="usa-checkbox__label" htmlFor="acknowledgeFoia">
            I understand that what I share here is a government record and may be released under the Freedom of
            Information Act (FOIA).
          </label>
        </div>
      </fieldset>
      <button className="usa-button margin-top-3" type="submit" disabled={pending}>
        Join the community
      </button>
    </form>
  );
}
