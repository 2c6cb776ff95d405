"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import type { ActionState } from "@/lib/actions/state";
import { attachDefaultSurvey, removeSurvey, updateSurveyQuestions } from "@/lib/surveys/manage";
import { surveyEditorSchema } from "@/lib/surveys/survey-schema";

const noFields = z.strictObject({});

/** One click: the default survey, ready to edit. lib/ decides who may. */
export const attachDefaultSurveyAction = formAction<typeof noFields, ActionState, [eventId: string]>(
  { schema: noFields, hidden: true, echo: false },
  async (_input, { viewer }, eventId: string) => {
    await attachDefaultSurvey(viewer, eventId);
    redirect(`/manage/events/${eventId}/survey?attached=1`);
  },
);

/** Saves the edited questions (refused once anyone has answered). */
export const updateSurveyAction = formAction<typeof surveyEditorSchema, ActionState, [eventId: string]>(
  { schema: surveyEditorSchema },
  async (questions, { viewer }, eventId: string) => {
    await updateSurveyQuestions(viewer, eventId, questions);
    redirect(`/manage/events/${eventId}/survey?saved=1`);
  },
);

/** Takes the survey off the event while nobody has answered. */
export const removeSurveyAction = formAction<typeof noFields, ActionState, [eventId: string]>(
  { schema: noFields, hidden: true, echo: false },
  async (_input, { viewer }, eventId: string) => {
    await removeSurvey(viewer, eventId);
    redirect(`/manage/events/${eventId}/survey?removed=1`);
  },
);
