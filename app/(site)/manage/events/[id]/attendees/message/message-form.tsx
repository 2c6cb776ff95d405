"use client";

import { useActionState } from "react";
import { FormAlert, RadioGroup, TextArea, TextInput } from "@/components/forms";
import { messageAttendeesAction, type MessageFormState } from "./actions";

type Props = {
  eventId: string;
  counts: { going: number; waitlisted: number };
  subjectMax: number;
  bodyMax: number;
};

const initial: MessageFormState = { status: "idle" };
const blank = { audience: "going", subject: "", body: "" };

export function MessageForm({ eventId, counts, subjectMax, bodyMax }: Props) {
  const [state, formAction, pending] = useActionState(messageAttendeesAction.bind(null, eventId), initial);
  const { preview } = state;
  const values = { ...blank, ...state.values };
  const errors = state.errors ?? {};
  const audiences = [
    { value: "going", label: `Everyone going (${counts.going})` },
    { value: "waitlisted", label: `Everyone on the waitlist (${counts.waitlisted})` },
    { value: "both", label: `Both (${counts.going + counts.waitlisted})` },
  ];

  if (preview) {
    const who = audiences.find((a) => a.value === preview.audience)?.label ?? "";
    return (
      <form action={formAction} className="usa-form usa-form--large">
        <div className="usa-alert usa-alert--info usa-alert--slim" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              Check the message. It goes to {preview.recipientCount} {preview.recipientCount === 1 ? "person" : "people"} by email when you send it, and is kept
              with the event&rsquo;s records.
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

  return (
    <form action={formAction} className="usa-form usa-form--large" noValidate>
      <FormAlert state={state} />
      <RadioGroup name="audience" label="Send to" errors={errors.audience} options={audiences} defaultValue={values.audience} />
      <TextInput
        name="subject"
        label="Subject"
        hint={`One line, up to ${subjectMax} characters.`}
        maxLength={subjectMax}
        defaultValue={values.subject}
        errors={errors.subject}
      />
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
