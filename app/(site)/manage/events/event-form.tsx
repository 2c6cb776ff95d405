"use client";

import { useActionState } from "react";
import { Fieldset, FormAlert, Select, SubmitButton, TextArea, TextInput as Input, TimeZoneSelect } from "@/components/forms";
import { idleState, type ActionState } from "@/lib/actions/state";
import type { EventFormFields } from "@/lib/events/event-schema";
import { FORMAT_LABELS, KIND_LABELS, labelOptions } from "@/lib/events/vocabulary";

const KIND_OPTIONS = labelOptions(KIND_LABELS, "option");
const FORMAT_OPTIONS = labelOptions(FORMAT_LABELS, "option");

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
  const values: EventFormFields = { ...defaults, ...state.values };
  const errors = state.errors ?? {};
  const field = (name: keyof EventFormFields) => ({ name, defaultValue: values[name] ?? "", errors: errors[name] });

  return (
    <form action={formAction} className="usa-form usa-form--large maxw-tablet-lg" noValidate>
      <FormAlert state={state} />

      <Fieldset id="about-the-event" legend="About the event" large>
        <Input {...field("title")} label="Title" hint="Up to 200 characters. Shown in the calendar and in emails." />
        <Input {...field("summary")} label="Summary" optional hint="One or two sentences for event cards, up to 500 characters." />
        <TextArea
          {...field("body")}
          label="Description"
          optional
          rows={12}
          hint="Markdown: ## headings, **bold**, - lists and [links](https://example.gov). HTML is not shown."
        />
        <Select {...field("kind")} label="Kind of event" options={KIND_OPTIONS} />
        <Input {...field("topics")} label="Topics" optional hint="Separated by commas, up to 10. For example: plain language, accessibility" />
        <TextArea
          {...field("hosts")}
          label="Hosts and speakers"
          optional
          rows={4}
          hint="One per line as Name, Role, Agency. For example: Ana Ruiz, Moderator, General Services Administration"
        />
      </Fieldset>

      <Fieldset id="when" legend="When" large className="margin-top-4">
        <Input {...field("date")} type="date" label="Date" hint="For example: 2026-12-03" className="usa-input--md" />
        <Input {...field("startTime")} type="time" label="Start time" hint="For example: 14:00 for 2:00 PM" className="usa-input--md" />
        <Input {...field("endTime")} type="time" label="End time" hint="Same day as the start." className="usa-input--md" />
        <TimeZoneSelect {...field("timeZone")} hint="The date and times above are in this zone." />
      </Fieldset>

      <Fieldset id="where" legend="Where" large className="margin-top-4">
        <Select {...field("format")} label="Format" options={FORMAT_OPTIONS} />
        <Input {...field("location")} label="Location" optional hint="Required for in-person and hybrid events: building, room and address." />
        <Input
          {...field("joinUrl")}
          type="url"
          label="Join link"
          optional
          hint="Required for virtual and hybrid events. Must start with https://. Only people going see it."
        />
      </Fieldset>

      <Fieldset id="rsvps" legend="RSVPs" large className="margin-top-4">
        <Input
          {...field("capacity")}
          inputMode="numeric"
          label="Capacity"
          optional
          hint="How many people can attend. Leave empty for no limit; when full, people join a waitlist."
          className="usa-input--sm"
        />
        <Input
          {...field("rsvpDeadlineDate")}
          type="date"
          label="RSVP deadline date"
          optional
          hint="Leave both deadline fields empty to take RSVPs until the event starts."
          className="usa-input--md"
        />
        <Input {...field("rsvpDeadlineTime")} type="time" label="RSVP deadline time" optional className="usa-input--md" />
      </Fieldset>

      <SubmitButton pending={pending} pendingLabel="Saving…" className="margin-top-4">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
