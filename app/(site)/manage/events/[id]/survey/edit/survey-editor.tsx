"use client";

import { useActionState } from "react";
import { Checkbox, Fieldset, fieldBinder, FormAlert, Select, SubmitButton, TextArea, TextInput, type FieldCopy } from "@/components/forms";
import { idleState } from "@/lib/actions/state";
import {
  OPTION_MAX,
  OPTIONS_MAX,
  PROMPT_MAX,
  QUESTION_KINDS,
  QUESTIONS_MAX,
  questionKindLabels,
  slotField,
  type SurveyQuestion,
} from "@/lib/surveys/survey-schema";
import { updateSurveyAction } from "../actions";

type Part = "kind" | "prompt" | "options" | "required" | "remove";

/** The editor's words: one entry per part of a question slot. */
const COPY: Record<Part, FieldCopy> = {
  kind: { label: "Kind of question" },
  prompt: { label: "Question", hint: `One line, up to ${PROMPT_MAX} characters. Leave it empty to leave the slot out.` },
  options: {
    label: "Options",
    hint: `Multiple choice only: one option per line, 2 to ${OPTIONS_MAX}, each up to ${OPTION_MAX} characters.`,
    optional: true,
  },
  required: { label: "People must answer this question" },
  remove: { label: "Remove this question" },
};

const kindOptions = QUESTION_KINDS.map((kind) => ({ value: kind, label: questionKindLabels[kind] }));

function slotValues(question: SurveyQuestion | undefined): Record<Part, string> {
  return {
    kind: question?.kind ?? "text",
    prompt: question?.prompt ?? "",
    options: question?.kind === "choice" ? question.options.join("\n") : "",
    required: question?.required ? "on" : "",
    remove: "",
  };
}

/**
 * Every question in a slot of its own, and one blank slot to add another (save to get the next),
 * so it works without script and by keyboard alone: no buttons that add fields in the page.
 */
export function SurveyEditor({ eventId, questions }: { eventId: string; questions: SurveyQuestion[] }) {
  const [state, action, pending] = useActionState(updateSurveyAction.bind(null, eventId), idleState);
  const slots = Math.min(QUESTIONS_MAX, questions.length + 1);
  const errors = state.errors ?? {};
  return (
    <form action={action} className="usa-form usa-form--large" noValidate>
      <FormAlert state={state} />
      <p>Up to {QUESTIONS_MAX} questions. To add one, fill in the blank slot at the end and save; to take one out, tick &ldquo;Remove this question&rdquo;.</p>
      {Array.from({ length: slots }, (_, i) => {
        const existing = questions[i];
        // What the person typed before a refused save, else the question as saved.
        const saved = slotValues(existing);
        const values = Object.fromEntries(
          (Object.keys(saved) as Part[]).map((part) => [part, state.values ? (state.values[slotField(i, part)] ?? "") : saved[part]]),
        ) as Record<Part, string>;
        const slotErrors = Object.fromEntries((Object.keys(COPY) as Part[]).map((part) => [part, errors[slotField(i, part)]]));
        const bind = fieldBinder(values, slotErrors, COPY);
        const field = (part: Part) => ({ ...bind(part), name: slotField(i, part) });
        return (
          <Fieldset key={i} id={`q${i}`} legend={existing ? `Question ${i + 1}` : `Question ${i + 1} (new, optional)`} className="margin-top-4">
            <Select {...field("kind")} defaultValue={values.kind} options={kindOptions} />
            <TextInput {...field("prompt")} optional={existing ? undefined : true} maxLength={PROMPT_MAX} />
            <TextArea {...field("options")} rows={4} />
            <div className="margin-top-2">
              <Checkbox {...field("required")} defaultChecked={values.required === "on"} />
            </div>
            {existing ? (
              <div className="margin-top-1">
                <Checkbox {...field("remove")} defaultChecked={values.remove === "on"} />
              </div>
            ) : null}
          </Fieldset>
        );
      })}
      <SubmitButton pending={pending} pendingLabel="Saving…">
        Save the survey
      </SubmitButton>
    </form>
  );
}
