"use client";

import { useActionState } from "react";
import { Checkbox, Fieldset, FormAlert, SubmitButton } from "@/components/forms";
import { ProfileFields } from "@/components/profile-fields";
import { idleState } from "@/lib/actions/state";
import type { Profile } from "@/lib/members/profile";
import { saveProfile } from "./actions";

export type ProfileDefaults = Pick<Profile, "name" | "agency" | "jobTitle" | "timeZone" | "directoryOptIn" | "inviteEmails">;

export function ProfileForm({ defaults }: { defaults: ProfileDefaults }) {
  const [state, formAction, pending] = useActionState(saveProfile, idleState);
  const errors = state.errors ?? {};
  // After a submit, show what was sent (React resets the form to these defaults), not what was loaded.
  const typed = state.values;
  const checked = (name: "directoryOptIn" | "inviteEmails") => (typed ? typed[name] === "on" || typed[name] === "true" : defaults[name]);
  return (
    <form action={formAction} className="usa-form usa-form--large" noValidate>
      <FormAlert state={state} />
      <ProfileFields values={typed ? { timeZone: defaults.timeZone, ...typed } : defaults} errors={errors} />
      <Fieldset
        id="preferences"
        legend="Preferences"
        className="margin-top-3"
        hint="Listed members show their name, agency and job title to other signed-in members. Email addresses are never shown."
      >
        <Checkbox name="directoryOptIn" label="List me in the member directory" defaultChecked={checked("directoryOptIn")} />
        <Checkbox
          name="inviteEmails"
          label="Email me calendar invitations for events I RSVP to"
          hint="Turning this off stops new invitations. An invitation already in your calendar still gets its updates and its cancellation, so it never shows an old time or a cancelled event."
          defaultChecked={checked("inviteEmails")}
        />
      </Fieldset>
      <SubmitButton pending={pending}>Save profile</SubmitButton>
    </form>
  );
}
