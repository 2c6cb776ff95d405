"use server";

import { formAction } from "@/lib/actions/form-action";
import { success, type ActionState } from "@/lib/actions/state";
import { submitSurveyAnswers } from "@/lib/surveys/answers";
import { surveyAnswerFormSchema } from "@/lib/surveys/survey-schema";

/**
 * A member's answers, posted from the link in their email, with or without a session: the signed
 * token (bound by the page) is the credential, and lib/ checks it and takes one answer per member.
 */
export const answerSurveyAction = formAction<typeof surveyAnswerFormSchema, ActionState, [token: string]>(
  { schema: surveyAnswerFormSchema },
  async (answers, _context, token: string) => {
    await submitSurveyAnswers(token, answers);
    return success("Thank you. Your answers were sent to the organizers.");
  },
);
