"use client";

import { useActionState } from "react";
import { Checkbox, fieldBinder, FormAlert, RadioGroup, SubmitButton, TextArea, type FieldCopy } from "@/components/forms";
import { idleState } from "@/lib/actions/state";
import { ANSWER_TEXT_MAX, answerField, ratingLabels, RATING_MAX, RATING_MIN, SHARE_NAME_FIELD, type SurveyQuestion } from "@/lib/surveys/survey-schema";
import { answerSurveyAction } from "./actions";

/** The form's own words; each question's label is the organizer's prompt. */
const COPY: Record<typeof SHARE_NAME_FIELD, FieldCopy> = {
  shareName: {
    label: "Share my name with the organizers",
    hint: "Leave it unticked to answer anonymously: the organizers see your answers without your name or email.",
  },
};

const ratingOptions = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => {
  const value = RATING_MIN + i;
  return { value: String(value), label: ratingLabels[value] ?? String(value) };
});

function label(question: SurveyQuestion) {
  return question.required ? question.prompt : `${question.prompt} (optional)`;
}

/** One control per question (radios for ratings and choices, a text box for text), and the share box. */
export function AnswerForm({ token, questions }: { token: string; questions: SurveyQuestion[] }) {
  const [state, action, pending] = useActionState(answerSurveyAction.bind(null, token), idleState);
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  const field = fieldBinder<typeof SHARE_NAME_FIELD>(values, errors, COPY);

  if (state.status === "success") return <FormAlert state={state} />;

  return (
    <form action={action} className="usa-form usa-form--large" noValidate>
      <FormAlert state={state} />
      {questions.map((question) => {
        const name = answerField(question.id);
        if (question.kind === "text") {
          return (
            <TextArea
              key={question.id}
              name={name}
              label={question.prompt}
              optional={!question.required}
              hint={`Up to ${ANSWER_TEXT_MAX.toLocaleString("en-US")} characters.`}
              rows={5}
              defaultValue={values[name]}
              errors={errors[name]}
            />
          );
        }
        const options = question.kind === "rating" ? ratingOptions : question.options.map((option, i) => ({ value: String(i), label: option }));
        return (
          <div key={question.id} className="margin-top-4">
            <RadioGroup name={name} label={label(question)} options={options} defaultValue={values[name]} errors={errors[name]} />
          </div>
        );
      })}
      <div className="margin-top-4">
        <Checkbox {...field(SHARE_NAME_FIELD)} defaultChecked={values[SHARE_NAME_FIELD] === "on"} />
      </div>
      <SubmitButton pending={pending} pendingLabel="Sending…">
        Send my answers
      </SubmitButton>
    </form>
  );
}
