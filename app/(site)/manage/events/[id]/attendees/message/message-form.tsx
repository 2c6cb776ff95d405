"use client";

import { useActionState } from "react";
import { Outcome, TextArea } from "../../../form-controls";
import { messageAttendeesAction, type MessageFormState } from "./actions";

type Props = {
  eventId: string;
  counts: { going: number; waitlisted: number };
  subjectMax: number;
  bodyMax: number;
};

const initial: MessageFormState = { step: "edit", values: { audience: "going", subject: "", body: "" } };

export function MessageForm({ eventId, counts, subjectMax, bodyMax }: Props) {
  const [state, formAction, pending] = useActionState(messageAttendeesAction.bind(null, eventId), initial);
  const { values, preview } = state;
  const errors = state.fieldErrors ?? {};
  const audiences = [
    { value: "going", label: `Everyone going (${counts.going})` },
    { value: "waitlisted", label: `Everyone on the waitlist (${counts.waitlisted})` },
    { value: "both", label: `Both (${counts.going + counts.waitlisted})` },
  ];

  if (state.step === "preview" && preview) {
    const who = audiences.find((a) => a.value === preview.audience)?.label ?? "";
    return (
      <form action={formAction} className="usa-form usa-form--large">
        <div className="usa-alert usa-alert--info usa-alert--slim" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              Check the message. It goes to {preview.recipientCount} {preview.recipientCount === 1 ? "person" : "people"} by
              email when you send it, and is kept with the event&rsquo;s records.
            </p>
          </div>
        </div>
        <h2 className="font-heading-md">Preview</h2>
        <dl>
          <dt className="text-bold">To</dt>
          <dd className="margin-left-0 margin-bottom-2">{who}, one email each</dd>
          <dt className="text-bold">Subject</dt>
          <dd className="margin-left-0 margin-bottom-2">{preview.subject}</dd>
          <dt className="text-bold">Message</dt>
          <dd className="margin-left-0">
            <pre className="bg-base-lightest padding-2 radius-md font-body-sm" style={{ whiteSpace: "pre-wrap" }}>
              {preview.text}
            </pre>
          </dd>
        </dl>
        <input type="hidden" name="audience" value={values.audience} />
        <input type="hidden" name="subject" value={values.subject} />
        <input type="hidden" name="body" value={values.body} />
        <ul className="usa-button-group margin-top-2">
          <li className="usa-button-group__item">
            <button type="submit" name="intent" value="send" className="usa-button" disabled={pending || preview.recipientCount === 0}>
              Send to {preview.recipientCount} {preview.recipientCount === 1 ? "person" : "people"}
            </button>
          </li>
          <li className="usa-button-group__item">
            <button type="submit" name="intent" value="edit" className="usa-button usa-button--outline" disabled={pending}>
              Edit message
            </button>
          </li>
        </ul>
      </form>
    );
  }

  const audienceError = errors.audience?.[0];
  return (
    <form action={formAction} className="usa-form usa-form--large" noValidate>
      <Outcome status={state.message ? "error" : "idle"} message={state.message} />
      <fieldset className={`usa-fieldset${audienceError ? " usa-form-group--error" : ""}`} aria-describedby={audienceError ? "audience-error" : undefined}>
        <legend className="usa-legend">Send to</legend>
        {audienceError ? (
          <span className="usa-error-message" id="audience-error" role="alert">
            {audienceError}
          </span>
        ) : null}
        {audiences.map((audience) => (
          <div className="usa-radio" key={audience.value}>
            <input
              className="usa-radio__input"
              id={`audience-${audience.value}`}
              type="radio"
              name="audience"
              value={audience.value}
              defaultChecked={values.audience === audience.value}
            />
            <label className="usa-radio__label" htmlFor={`audience-${audience.value}`}>
              {audience.label}
            </label>
          </div>
        ))}
      </fieldset>
      <SubjectInput defaultValue={values.subject} errors={errors.subject} max={subjectMax} />
      <TextArea
        name="body"
        label="Message"
        hint={`Plain text, up to ${bodyMax.toLocaleString("en-US")} characters. Links are sent as written. The event's name, date and page link are added at the end.`}
        rows={10}
        defaultValue={values.body}
        errors={errors.body}
      />
      <button type="submit" name="intent" value="preview" className="usa-button margin-top-3" disabled={pending}>
        Preview message
      </button>
    </form>
  );
}

function SubjectInput({ defaultValue, errors, max }: { defaultValue: string; errors?: string[]; max: number }) {
  const error = errors?.[0];
  return (
    <div className={`usa-form-group${error ? " usa-form-group--error" : ""}`}>
      <label className={`usa-label${error ? " usa-label--error" : ""}`} htmlFor="subject">
        Subject
      </label>
      <span className="usa-hint" id="subject-hint">
        One line, up to {max} characters.
      </span>
      {error ? (
        <span className="usa-error-message" id="subject-error" role="alert">
          {error}
        </span>
      ) : null}
      <input
        className={`usa-input${error ? " usa-input--error" : ""}`}
        id="subject"
        name="subject"
        type="text"
        maxLength={max}
        defaultValue={defaultValue}
        required
        autoComplete="off"
        aria-describedby={`subject-hint${error ? " subject-error" : ""}`}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}
