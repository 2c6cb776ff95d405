"use client";

import { useActionState, useState, type FormEvent } from "react";
import {
  Checkbox,
  Fieldset,
  FormAlert,
  Select,
  SubmitButton,
  TextArea,
  TextInput as Input,
  TimeZoneSelect,
  fieldBinder,
  type FieldCopy,
} from "@/components/forms";
import { idleState, type ActionState } from "@/lib/actions/state";
import { AUDIENCE_LEVEL_FIELDS, type EventFormFields } from "@/lib/events/event-schema";
import type { SeriesFormFields } from "@/lib/events/series-schema";
import { GOVERNMENT_LEVEL_LABELS, GOVERNMENT_LEVELS } from "@/lib/members/government-levels";
import { FORMAT_LABELS, KIND_LABELS, labelOptions } from "@/lib/events/vocabulary";

const KIND_OPTIONS = labelOptions(KIND_LABELS, "option");
const FORMAT_OPTIONS = labelOptions(FORMAT_LABELS, "option");
// series: the Repeats section's choices (lib/events/series-schema.ts parses them).
const REPEAT_OPTIONS = [
  { value: "", label: "Does not repeat" },
  { value: "weekly", label: "Every week" },
  { value: "biweekly", label: "Every two weeks" },
  { value: "monthly", label: "Every month, on the same weekday" },
];
const MONTHLY_WEEK_OPTIONS = [
  { value: "", label: "- Select -" },
  { value: "1", label: "First" },
  { value: "2", label: "Second" },
  { value: "3", label: "Third" },
  { value: "4", label: "Fourth" },
  { value: "last", label: "Last" },
];

/** Every field's label and hint, in the order the form shows them. */
const COPY: Record<keyof EventFormFields | keyof SeriesFormFields, FieldCopy> = {
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
  // Hints describe the browser's date and time pickers, which show the organizer's own locale (not 2026-12-03 or 14:00).
  date: { label: "Date", hint: "Pick the day from the calendar or type it." },
  startTime: { label: "Start time", hint: "In the time zone below." },
  endTime: { label: "End time", hint: "On the same day as the start." },
  timeZone: { label: "Time zone", hint: "The date and times above are in this zone." },
  format: { label: "Format", hint: "Virtual events need a join link; in-person events need a location; hybrid events need both." },
  location: { label: "Location", hint: "Building, room and address." },
  joinUrl: { label: "Join link", hint: "Starts with https://. Only people going see it." },
  capacity: { label: "Capacity", optional: true, hint: "How many people can attend. Leave empty for no limit; when full, people join a waitlist." },
  rsvpDeadlineDate: { label: "RSVP deadline date", optional: true, hint: "Leave both deadline fields empty to take RSVPs until the event starts." },
  rsvpDeadlineTime: { label: "RSVP deadline time", optional: true },
  // series: only the create form shows these.
  repeats: { label: "Repeats", hint: "Each date becomes its own event, with its own page and RSVPs." },
  monthlyWeek: {
    label: "Week of the month",
    optional: true,
    hint: "For a monthly series: which weekday of the month, like the second Tuesday. The date above must be that day.",
  },
  repeatCount: { label: "Number of times", optional: true, hint: "Including the first date, from 2 to 52. Or give a last date instead." },
  repeatUntil: { label: "Last date", optional: true, hint: "The series ends on or before this day." },
  // registry: who may attend.
  audienceFederal: { label: GOVERNMENT_LEVEL_LABELS.federal.option },
  audienceState: { label: GOVERNMENT_LEVEL_LABELS.state.option },
  audienceLocal: { label: GOVERNMENT_LEVEL_LABELS.local.option },
  audienceTribal: { label: GOVERNMENT_LEVEL_LABELS.tribal.option },
  audienceOther: { label: GOVERNMENT_LEVEL_LABELS.other.option },
  audienceDomains: {
    label: "Domains",
    optional: true,
    hint: "Members whose address is at one of these domains may also attend, whatever their level. Separated by commas, like gsa.gov, ca.gov",
  },
};

const AUDIENCE_FIELDS: (keyof EventFormFields)[] = [...GOVERNMENT_LEVELS.map((level) => AUDIENCE_LEVEL_FIELDS[level]), "audienceDomains"];

/** Which place fields the chosen format requires (the schema's checkPlaces enforces the same). */
const NEEDS = {
  virtual: { location: false, joinUrl: true },
  in_person: { location: true, joinUrl: false },
  hybrid: { location: true, joinUrl: true },
} as const;

const NOT_NEEDED = {
  location: "Not needed for a virtual event.",
  joinUrl: "Not needed for an in-person event.",
};

/** The fields each collapsed section holds: it opens by itself when one has a value or an error. */
const OPTIONAL_SECTIONS = {
  people: ["topics", "hosts"],
  rsvps: ["capacity", "rsvpDeadlineDate", "rsvpDeadlineTime"],
  repeats: ["repeats", "monthlyWeek", "repeatCount", "repeatUntil"],
  audience: AUDIENCE_FIELDS,
} as const satisfies Record<string, (keyof EventFormFields | keyof SeriesFormFields)[]>;

export function EventForm({
  action,
  defaults,
  submitLabel,
  publishLabel,
  repeats = false,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  defaults: EventFormFields;
  submitLabel: string;
  /** When given, a second button saves and publishes in one step (it sends intent=publish). */
  publishLabel?: string;
  /** series: show the Repeats section (creating only; a series is edited from one of its dates). */
  repeats?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, idleState);
  // After a refused submit, show what was sent (React resets the form to these defaults), not what was loaded.
  const values: Partial<Record<keyof EventFormFields | keyof SeriesFormFields, string>> = { ...defaults, ...state.values };
  const errors = state.errors ?? {};
  const [format, setFormat] = useState(values.format);
  const needs = NEEDS[format as keyof typeof NEEDS] ?? NEEDS.hybrid;
  const copy = {
    ...COPY,
    location: { ...COPY.location, optional: !needs.location, hint: needs.location ? COPY.location.hint : NOT_NEEDED.location },
    joinUrl: { ...COPY.joinUrl, optional: !needs.joinUrl, hint: needs.joinUrl ? COPY.joinUrl.hint : NOT_NEEDED.joinUrl },
  };
  const field = fieldBinder<keyof EventFormFields | keyof SeriesFormFields>(values, errors, copy);
  const opens = (names: readonly (keyof EventFormFields | keyof SeriesFormFields)[]) =>
    names.some((name) => Boolean(values[name]) || Boolean(errors[name]?.length));
  // The format select keeps its own value; the form hears its change so the place fields say which one is required.
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLSelectElement;
    if (target.name === "format") setFormat(target.value);
  };

  return (
    <form action={formAction} onChange={onChange} className="usa-form usa-form--large maxw-tablet-lg" noValidate>
      <FormAlert state={state} />

      {/* Section legends are a step below the page's h1 (USWDS's large legend is as big as it). */}
      <Fieldset id="about-the-event" legend={<span className="font-heading-lg">About the event</span>}>
        <Input {...field("title")} />
        <Input {...field("summary")} />
        <TextArea {...field("body")} rows={12} />
        <Select {...field("kind")} options={KIND_OPTIONS} />
      </Fieldset>

      <Fieldset id="when" legend={<span className="font-heading-lg">When</span>} className="margin-top-4">
        <Input {...field("date")} type="date" className="usa-input--md" />
        <Input {...field("startTime")} type="time" className="usa-input--md" />
        <Input {...field("endTime")} type="time" className="usa-input--md" />
        <TimeZoneSelect {...field("timeZone")} />
      </Fieldset>

      <Fieldset id="where" legend={<span className="font-heading-lg">Where</span>} className="margin-top-4">
        <Select {...field("format")} options={FORMAT_OPTIONS} />
        <Input {...field("location")} />
        <Input {...field("joinUrl")} type="url" />
      </Fieldset>

      <OptionalSection summary="Topics and hosts (optional)" open={opens(OPTIONAL_SECTIONS.people)}>
        <Input {...field("topics")} />
        <TextArea {...field("hosts")} rows={4} />
      </OptionalSection>

      <OptionalSection summary="RSVP limits (optional)" open={opens(OPTIONAL_SECTIONS.rsvps)}>
        <Input {...field("capacity")} inputMode="numeric" className="usa-input--sm" />
        <Input {...field("rsvpDeadlineDate")} type="date" className="usa-input--md" />
        <Input {...field("rsvpDeadlineTime")} type="time" className="usa-input--md" />
      </OptionalSection>

      {repeats ? (
        <OptionalSection summary="Repeats (optional)" open={opens(OPTIONAL_SECTIONS.repeats)}>
          <Select {...field("repeats")} options={REPEAT_OPTIONS} />
          <Select {...field("monthlyWeek")} options={MONTHLY_WEEK_OPTIONS} />
          <Input {...field("repeatCount")} inputMode="numeric" className="usa-input--sm" />
          <Input {...field("repeatUntil")} type="date" className="usa-input--md" />
        </OptionalSection>
      ) : null}
      <OptionalSection summary="Who may attend (optional)" open={opens(OPTIONAL_SECTIONS.audience)}>
        <Fieldset
          id="audience-levels"
          legend="Levels of government"
          hint="Leave everything in this section empty to open the event to every member. Members at a level you tick, or at a domain you list, may RSVP; everyone else sees why not. People already going keep their seat if you narrow it later."
        >
          {GOVERNMENT_LEVELS.map((level) => {
            const name = AUDIENCE_LEVEL_FIELDS[level];
            const { defaultValue, ...box } = field(name);
            // After a refused submit an unticked box is absent from what was sent: it stays unticked.
            const ticked = state.values ? state.values[name] === "on" : defaultValue === "on";
            return <Checkbox key={name} {...box} defaultChecked={ticked} />;
          })}
        </Fieldset>
        <Input {...field("audienceDomains")} />
      </OptionalSection>

      {publishLabel ? (
        <div className="margin-top-4">
          {/* Both buttons send the form; "intent" tells the action whether to publish too. The draft button comes
              first: Enter in a field submits with the first one, and a draft is the step that can be taken back. */}
          <button type="submit" name="intent" value="draft" className="usa-button usa-button--outline" disabled={pending}>
            {submitLabel}
          </button>
          <button type="submit" name="intent" value="publish" className="usa-button" disabled={pending}>
            {publishLabel}
          </button>
        </div>
      ) : (
        <SubmitButton pending={pending} pendingLabel="Saving…" className="margin-top-4">
          {submitLabel}
        </SubmitButton>
      )}
    </form>
  );
}

/**
 * A native disclosure for fields most events leave empty. Closed, it hides them from the
 * tab order and from find-in-page alike; `open` is recomputed after each refused submit, so
 * a field with an error or a value is never hidden.
 */
function OptionalSection({ summary, open, children }: { summary: string; open: boolean; children: React.ReactNode }) {
  return (
    <details className="margin-top-4 border-top-1px border-base-lighter padding-top-2" open={open}>
      <summary className="font-heading-md text-bold cursor-pointer padding-y-1">{summary}</summary>
      {children}
    </details>
  );
}
