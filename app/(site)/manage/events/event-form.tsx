"use client";

import { useActionState } from "react";
import { Fieldset, FormAlert, Select, SubmitButton, TextArea, TextInput as Input, TimeZoneSelect, fieldBinder, type FieldCopy } from "@/components/forms";
import { idleState, type ActionState } from "@/lib/actions/state";
import type { EventFormFields } from "@/lib/events/event-schema";
import { FORMAT_LABELS, KIND_LABELS, labelOptions } from "@/lib/events/vocabulary";

const KIND_OPTIONS = labelOptions(KIND_LABELS, "option");
const FORMAT_OPTIONS = labelOptions(FORMAT_LABELS, "option");

/** Every field's label and hint, in the order the form shows them. */
const COPY: Record<keyof EventFormFields, FieldCopy> = {
  title: { label: "Title", hint: "Up to 200 characters. Shown in the calendar and in emails." },
  summary: { label: "Summary", optional: true, hint: "One or two sentences for event cards, up to 500 characters." },
  body: { label: "Description", optional: true, hint: "Markdown: ## headings, **bold**, - lists and [links](https://example.gov). HTML is not shown." },
  kind: { label: "Kind of event" },
  topics: { label: "Topics", optional: true, hint: "Separated by commas, up to 10. For example: plain language, accessibility" },
  hosts: {
    label: "Hosts and speakers",
    optional: true,
    hint: "One per line as Name, Role, Agency. For example: Ana Ruiz, Moderator, General Services Administration",
  },
  date: { label: "Date", hint: "For example: 2026-12-03" },
  startTime: { label: "Start time", hint: "For example: 14:00 for 2:00 PM" },
  endTime: { label: "End time", hint: "Same day as the start." },
  timeZone: { label: "Time zone", hint: "The date and times above are in this zone." },
  format: { label: "Format" },
  location: { label: "Location", optional: true, hint: "Required for in-person and hybrid events: building, room and address." },
  joinUrl: { label: "Join link", optional: true, hint: "Required for virtual and hybrid events. Must start with https://. Only people going see it." },
  capacity: { label: "Capacity", optional: true, hint: "How many people can attend. Leave empty for no limit; when full, people join a waitlist." },
  rsvpDeadlineDate: { label: "RSVP deadline date", optional: true, hint: "Leave both deadline fields empty to take RSVPs until the event starts." },
  rsvpDeadlineTime: { label: "RSVP deadline time", optional: true },
};

export function EventForm({
  action,
  defaults,
  submitLabel,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  defaults: EventFormFields;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleState);
  // After a refused submit, show what was sent (React resets the form to these defaults), not what was loaded.
  const field = fieldBinder<keyof EventFormFields>({ ...defaults, ...state.values }, state.errors ?? {}, COPY);

  return (
    <form action={formAction} className="usa-form usa-form--large maxw-tablet-lg" noValidate>
      <FormAlert state={state} />

      <Fieldset id="about-the-event" legend="About the event" large>
        <Input {...field("title")} />
        <Input {...field("summary")} />
        <TextArea {...field("body")} rows={12} />
        <Select {...field("kind")} options={KIND_OPTIONS} />
        <Input {...field("topics")} />
        <TextArea {...field("hosts")} rows={4} />
      </Fieldset>

      <Fieldset id="when" legend="When" large className="margin-top-4">
        <Input {...field("date")} type="date" className="usa-input--md" />
        <Input {...field("startTime")} type="time" className="usa-input--md" />
        <Input {...field("endTime")} type="time" className="usa-input--md" />
        <TimeZoneSelect {...field("timeZone")} />
      </Fieldset>

      <Fieldset id="where" legend="Where" large className="margin-top-4">
        <Select {...field("format")} options={FORMAT_OPTIONS} />
        <Input {...field("location")} />
        <Input {...field("joinUrl")} type="url" />
      </Fieldset>

      <Fieldset id="rsvps" legend="RSVPs" large className="margin-top-4">
        <Input {...field("capacity")} inputMode="numeric" className="usa-input--sm" />
        <Input {...field("rsvpDeadlineDate")} type="date" className="usa-input--md" />
        <Input {...field("rsvpDeadlineTime")} type="time" className="usa-input--md" />
      </Fieldset>

      <SubmitButton pending={pending} pendingLabel="Saving…" className="margin-top-4">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
