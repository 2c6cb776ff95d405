"use client";

import { useActionState } from "react";
import { FormStatus } from "@/components/form-status";
import { idleFormState } from "@/lib/form-state";
import { saveNotificationPreferences } from "./actions";

export type NotificationDefaults = { reminders: string; followUpEmails: boolean; weeklyDigest: boolean };

const reminderOptions = [
  { value: "both", label: "A day before and an hour before" },
  { value: "day", label: "A day before only" },
  { value: "hour", label: "An hour before only" },
  { value: "none", label: "No reminders" },
];

export function NotificationsForm({ defaults }: { defaults: NotificationDefaults }) {
  const [state, formAction, pending] = useActionState(saveNotificationPreferences, idleFormState);
  // After a submit, show what was saved or typed (React resets the form to its defaults).
  const typed = state.values;
  const reminders = typed?.reminders ?? defaults.reminders;
  const checked = (name: "followUpEmails" | "weeklyDigest") => (typed ? typed[name] === "on" : defaults[name]);
  const remindersError = state.fieldErrors?.reminders?.[0];
  return (
    <form action={formAction} className="usa-form usa-form--large" noValidate>
      <FormStatus state={state} />
      <fieldset
        className={`usa-fieldset${remindersError ? " usa-form-group--error" : ""}`}
        aria-describedby={`reminders-hint${remindersError ? " reminders-error" : ""}`}
      >
        <legend className="usa-legend">Reminders for events you&rsquo;re going to</legend>
        <span className="usa-hint" id="reminders-hint">
          Each reminder gives the time in your time zone and Eastern Time, the join link or the place, and a calendar file.
          People on a waitlist aren&rsquo;t reminded.
        </span>
        {remindersError ? (
          <span className="usa-error-message" id="reminders-error" role="alert">
            {remindersError}
          </span>
        ) : null}
        {reminderOptions.map((option) => (
          <div className="usa-radio" key={option.value}>
            <input
              className="usa-radio__input"
              id={`reminders-${option.value}`}
              type="radio"
              name="reminders"
              value={option.value}
              defaultChecked={reminders === option.value}
            />
            <label className="usa-radio__label" htmlFor={`reminders-${option.value}`}>
              {option.label}
            </label>
          </div>
        ))}
      </fieldset>
      <fieldset className="usa-fieldset margin-top-3">
        <legend className="usa-legend">Other emails</legend>
        <div className="usa-checkbox">
          <input
            className="usa-checkbox__input"
            id="followUpEmails"
            type="checkbox"
            name="followUpEmails"
            defaultChecked={checked("followUpEmails")}
          />
          <label className="usa-checkbox__label" htmlFor="followUpEmails">
            Tell me when the recording and slides of an event I RSVPed to are available
          </label>
        </div>
        <div className="usa-checkbox">
          <input
            className="usa-checkbox__input"
            id="weeklyDigest"
            type="checkbox"
            name="weeklyDigest"
            defaultChecked={checked("weeklyDigest")}
            aria-describedby="weeklyDigest-hint"
          />
          <label className="usa-checkbox__label" htmlFor="weeklyDigest">
            Send me the weekly digest
            <span className="usa-checkbox__label-description" id="weeklyDigest-hint">
              Monday at 8:00 AM in your time zone: events in the next two weeks and resources added in the last week.
            </span>
          </label>
        </div>
      </fieldset>
      <button className="usa-button margin-top-3" type="submit" disabled={pending}>
        Save email choices
      </button>
    </form>
  );
}
