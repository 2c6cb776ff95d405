import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { events, surveyInvitations, surveyParticipants, surveyResponses, surveys, users, type SurveyAnswerValue, type SurveyQuestion } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { answerField, ANSWER_TEXT_MAX, RATING_MAX, RATING_MIN, SHARE_NAME_FIELD, surveyAnswerFormSchema, type SurveyAnswerForm } from "./survey-schema";
import { nonceMatches, readSurveyToken } from "./tokens";

export type OpenSurvey =
  | { state: "open"; eventTitle: string; startsAt: Date; timeZone: string; memberName: string | null; questions: SurveyQuestion[] }
  | { state: "answered"; eventTitle: string }
  | { state: "expired"; eventTitle: string };

export const ALREADY_ANSWERED = "You have already answered this survey. Only your first answers count; thank you for them.";
export const EXPIRED = "This survey link has expired.";
const CHANGED = "The survey changed after you opened it. Reload the page and answer again.";

// Line breaks and tabs are fine in an answer; other control characters only hide text.
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Whom and what a link is for, checked against the database: the signature (readSurveyToken),
 * then the invitation stored for that member and survey (its nonce, its expiry), the member's
 * account and the survey itself. Null for anything that is not a working link of ours, so every
 * kind of forgery gets the same answer.
 */
async function resolve(tx: Tx, token: string, now: Date, lock: boolean) {
  const parsed = readSurveyToken(token);
  if (!parsed) return null;
  const query = tx
    .select({
      surveyId: surveys.id,
      questions: surveys.questions,
      eventTitle: events.title,
      startsAt: events.startsAt,
      timeZone: users.timeZone,
      memberName: users.name,
      disabledAt: users.disabledAt,
      nonceHash: surveyInvitations.nonceHash,
      expiresAt: surveyInvitations.expiresAt,
    })
    .from(surveyInvitations)
    .innerJoin(surveys, eq(surveys.id, surveyInvitations.surveyId))
    .innerJoin(events, eq(events.id, surveys.eventId))
    .innerJoin(users, eq(users.id, surveyInvitations.userId))
    .where(and(eq(surveyInvitations.surveyId, parsed.surveyId), eq(surveyInvitations.userId, parsed.userId)));
  // FOR SHARE on the survey: an organizer's edit (FOR UPDATE, lib/surveys/manage.ts) waits for this answer, or it for the edit.
  const [row] = lock ? await query.for("share", { of: surveys }) : await query;
  if (!row || row.disabledAt || !nonceMatches(parsed.nonce, row.nonceHash)) return null;
  const [answered] = await tx
    .select({ userId: surveyParticipants.userId })
    .from(surveyParticipants)
    .where(and(eq(surveyParticipants.surveyId, row.surveyId), eq(surveyParticipants.userId, parsed.userId)));
  return { ...row, userId: parsed.userId, answered: Boolean(answered), expired: row.expiresAt <= now };
}

/** What the answer page shows. Reading changes nothing (mail scanners open every link). */
export async function openSurvey(token: string, now = new Date()): Promise<OpenSurvey | null> {
  const db = await getDb();
  const found = await db.transaction((tx) => resolve(tx, token, now, false));
  if (!found) return null;
  if (found.answered) return { state: "answered", eventTitle: found.eventTitle };
  if (found.expired) return { state: "expired", eventTitle: found.eventTitle };
  return {
    state: "open",
    eventTitle: found.eventTitle,
    startsAt: found.startsAt,
    timeZone: found.timeZone,
    memberName: found.memberName,
    questions: found.questions,
  };
}

/** Checks each answer against its question; the errors are keyed by the answer form's field names. */
export function parseAnswers(questions: SurveyQuestion[], form: SurveyAnswerForm): { answers: Record<string, SurveyAnswerValue>; share: boolean } {
  const fields = surveyAnswerFormSchema.safeParse(form);
  if (!fields.success) throw new AppError("invalid", CHANGED);
  const known = new Set(questions.map((q) => answerField(q.id)));
  if (Object.keys(fields.data).some((name) => name !== SHARE_NAME_FIELD && !known.has(name))) throw new AppError("invalid", CHANGED);
  const share = fields.data[SHARE_NAME_FIELD];
  if (share !== undefined && share !== "on") throw new AppError("invalid", CHANGED);

  const answers: Record<string, SurveyAnswerValue> = {};
  const errors: Record<string, string[]> = {};
  for (const question of questions) {
    const name = answerField(question.id);
    const raw = (fields.data[name] ?? "").trim();
    if (!raw) {
      if (question.required) errors[name] = [question.kind === "text" ? "Write an answer to this question." : "Choose an answer to this question."];
      continue;
    }
    if (question.kind === "rating") {
      const value = Number(raw);
      if (!/^\d$/.test(raw) || value < RATING_MIN || value > RATING_MAX) errors[name] = [`Choose a rating from ${RATING_MIN} to ${RATING_MAX}.`];
      else answers[question.id] = value;
    } else if (question.kind === "choice") {
      const index = Number(raw);
      if (!/^\d{1,2}$/.test(raw) || index >= question.options.length) errors[name] = ["Choose one of the options."];
      else answers[question.id] = index;
    } else if (raw.length > ANSWER_TEXT_MAX) {
      errors[name] = [`Keep your answer to ${ANSWER_TEXT_MAX.toLocaleString("en-US")} characters or fewer (it has ${raw.length.toLocaleString("en-US")}).`];
    } else if (TEXT_CONTROL.test(raw)) {
      errors[name] = ["Remove control characters from your answer."];
    } else {
      answers[question.id] = raw;
    }
  }
  if (Object.keys(errors).length > 0) throw new AppError("invalid", "Please correct the errors below.", errors);
  if (Object.keys(answers).length === 0) throw new AppError("invalid", "Answer at least one question before sending.");
  return { answers, share: share === "on" };
}

/**
 * Records a member's answers, once. The link is the whole authorization. One answer per member is
 * the primary key of survey_participants: of two submissions racing, one insert wins and the other
 * is refused in the same transaction, with nothing written. The answers go to survey_responses,
 * which names the member only when they ticked "Share my name with the organizers".
 */
export async function submitSurveyAnswers(token: string, form: SurveyAnswerForm, now = new Date()): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const found = await resolve(tx, token, now, true);
    if (!found) throw new AppError("not_found", "This survey link isn’t valid.");
    if (found.answered) throw new AppError("conflict", ALREADY_ANSWERED);
    if (found.expired) throw new AppError("conflict", `${EXPIRED} Answers are no longer taken.`);
    const { answers, share } = parseAnswers(found.questions, form);
    const [first] = await tx
      .insert(surveyParticipants)
      .values({ surveyId: found.surveyId, userId: found.userId, answeredAt: now })
      .onConflictDoNothing()
      .returning({ userId: surveyParticipants.userId });
    if (!first) throw new AppError("conflict", ALREADY_ANSWERED);
    await tx.insert(surveyResponses).values({ surveyId: found.surveyId, sharedUserId: share ? found.userId : null, answers });
  });
}
