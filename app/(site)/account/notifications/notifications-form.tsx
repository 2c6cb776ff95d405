"use client";

import { useActionState } from "react";
import { Checkbox, Fieldset, FormAlert, RadioGroup, SubmitButton } from "@/components/forms";
import { idleState } from "@/lib/actions/state";
import { saveNotificationPreferences } from "./actions";

export type NotificationDefaults = { reminders: string; followUpEmails: boolean; weeklyDigest: boolean };

const reminderOptions = [
  { value: "both", label: "A day before and an hour before" },
  { value: "day", label: "A day before only" },
  { value: "hour", label: "An hour before only" },
  { value: "none", label: "No reminders" },
];

export function NotificationsForm({ defaults }: { defaults: NotificationDefaults }) {
  const [state, formAction, pending] = useActionState(saveNotificationPreferences, idleState);
  // After a submit, show what was saved or typed (React resets the form to its defaults).
  const typed = state.values;
  const checked = (name: "followUpEmails" | "weeklyDigest") => (typed ? typed[name] === "on" : defaults[name]);
  return (
    <form action={formAction} className="usa-form usa-form--large" noValidate>
      <FormAlert state={state} />
      <RadioGroup
        name="reminders"
        label={<>Reminders for events you&rsquo;re going to</>}
        hint={
          <>
            Each reminder gives the time in your time zone and Eastern Time, the join link or the place, and a calendar file. People on a waitlist aren&rsquo;t
            reminded.
          </>
        }
        errors={state.errors?.reminders}
        options={reminderOptions}
        defaultValue={typed?.reminders ?? defaults.reminders}
      />
      <Fieldset id="other-emails" legend="Other emails" className="margin-top-3">
        <Checkbox
          name="followUpEmails"
          label="Tell me when the recording and slides of an event I RSVPed to are available"
          defaultChecked={checked("followUpEmails")}
        />
        <Checkbox
          name="weeklyDigest"
          label="Send me the weekly digest"
          description="Monday at 8:00 AM in your time zone: events in the next two weeks and resources added in the last week."
          defaultChecked={checked("weeklyDigest")}
        />
      </Fieldset>
      <SubmitButton pending={pending}>Save email choices</SubmitButton>
    </form>
  );
}
