"use client";

import { useActionState } from "react";
import { FormStatus } from "@/components/form-status";
import { TextField } from "@/components/text-field";
import { TimeZoneSelect } from "@/components/time-zone-select";
import { idleFormState } from "@/lib/form-state";
import { saveProfile } from "./actions";

export type ProfileDefaults = {
  name: string | null;
  agency: string | null;
  jobTitle: string | null;
  timeZone: string;
  directoryOptIn: boolean;
  inviteEmails: boolean;
};

export function ProfileForm({ defaults }: { defaults: ProfileDefaults }) {
  const [state, formAction, pending] = useActionState(saveProfile, idleFormState);
  const errors = state.fieldErrors ?? {};
  // After a submit, show what was sent (React resets the form to these defaults), not what was loaded.
  const typed = state.values;
  const text = (name: "name" | "agency" | "jobTitle") => (typed ? (typed[name] ?? "") : defaults[name]);
  const checked = (name: "directoryOptIn" | "inviteEmails") =>
    typed ? typed[name] === "on" || typed[name] === "true" : defaults[name];
  return (
    <form action={formAction} className="usa-form usa-form--large" noValidate>
      <FormStatus state={state} />
      <TextField name="name" label="Full name" autoComplete="name" defaultValue={text("name")} errors={errors.name} />
      <TextField
        name="agency"
        label="Agency or organization"
        autoComplete="organization"
        defaultValue={text("agency")}
        errors={errors.agency}
      />
      <TextField
        name="jobTitle"
        label="Job title"
        autoComplete="organization-title"
        defaultValue={text("jobTitle")}
        errors={errors.jobTitle}
      />
      <TimeZoneSelect defaultValue={typed?.timeZone ?? defaults.timeZone} errors={errors.timeZone} />
      <fieldset className="usa-fieldset margin-top-3">
        <legend className="usa-legend">Preferences</legend>
        <span className="usa-hint" id="directoryOptIn-hint">
          Listed members show their name, agency and job title to other signed-in members. Email addresses are never
          shown.
        </span>
        <div className="usa-checkbox">
          <input
            className="usa-checkbox__input"
            id="directoryOptIn"
            type="checkbox"
            name="directoryOptIn"
            defaultChecked={checked("directoryOptIn")}
            aria-describedby="directoryOptIn-hint"
          />
          <label className="usa-checkbox__label" htmlFor="directoryOptIn">
            List me in the member directory
          </label>
        </div>
        <div className="usa-checkbox">
          <input
            className="usa-checkbox__input"
            id="inviteEmails"
            type="checkbox"
            name="inviteEmails"
            defaultChecked={checked("inviteEmails")}
            aria-describedby="inviteEmails-hint"
          />
          <label className="usa-checkbox__label" htmlFor="inviteEmails">
            Email me calendar invitations for events I RSVP to
          </label>
          <span className="usa-hint display-block" id="inviteEmails-hint">
            Turning this off stops new invitations. An invitation already in your calendar still gets its updates and its
            cancellation, so it never shows an old time or a cancelled event.
          </span>
        </div>
      </fieldset>
      <button className="usa-button margin-top-3" type="submit" disabled={pending}>
        Save profile
      </button>
    </form>
  );
}
