import "server-only";
import { stringify } from "csv-stringify/sync";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { surveyResponses, users, type SurveyAnswerValue, type SurveyQuestion } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertRole } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import { ORGANIZERS } from "@/lib/events/manage-read";
import type { Viewer } from "@/lib/viewer";
import { getEventSurvey, type SurveyEvent } from "./manage";
import { RATING_MAX, RATING_MIN } from "./survey-schema";

export type QuestionResult =
  | { question: SurveyQuestion & { kind: "rating" | "choice" }; answered: number; bars: { label: string; count: number }[]; average: number | null }
  | { question: SurveyQuestion & { kind: "text" }; answered: number; texts: { text: string; sharedBy: string | null }[] };

export type SurveyResults = {
  event: SurveyEvent;
  surveyId: string;
  questions: SurveyQuestion[];
  responseCount: number;
  results: QuestionResult[];
};

type Response = { sharedBy: string | null; answers: Record<string, SurveyAnswerValue> };

/**
 * The answers, with a name only where the member chose to share it (read from their account now,
 * so it goes when the account does). Responses are read in their random id's order: nothing here
 * says who answered when.
 */
async function readResponses(surveyId: string): Promise<Response[]> {
  const db = await getDb();
  const rows = await db
    .select({ name: users.name, email: users.email, answers: surveyResponses.answers })
    .from(surveyResponses)
    .leftJoin(users, eq(users.id, surveyResponses.sharedUserId))
    .where(eq(surveyResponses.surveyId, surveyId))
    .orderBy(asc(surveyResponses.id));
  return rows.map((row) => ({ sharedBy: row.email ? (row.name ? `${row.name} (${row.email})` : row.email) : null, answers: row.answers }));
}

function summarize(question: SurveyQuestion, responses: Response[]): QuestionResult {
  const given = responses.filter((r) => r.answers[question.id] !== undefined);
  if (question.kind === "text") {
    return { question, answered: given.length, texts: given.map((r) => ({ text: String(r.answers[question.id]), sharedBy: r.sharedBy })) };
  }
  const labels = question.kind === "rating" ? Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => String(RATING_MIN + i)) : question.options;
  const counts = labels.map(() => 0);
  for (const r of given) {
    const value = Number(r.answers[question.id]);
    const index = question.kind === "rating" ? value - RATING_MIN : value;
    if (index >= 0 && index < counts.length) counts[index]!++;
  }
  const average =
    question.kind === "rating" && given.length > 0
      ? Math.round((given.reduce((sum, r) => sum + Number(r.answers[question.id]), 0) / given.length) * 10) / 10
      : null;
  return { question, answered: given.length, bars: labels.map((label, i) => ({ label, count: counts[i]! })), average };
}

async function loadResults(viewer: Viewer | null, eventId: string) {
  const { event, survey } = await getEventSurvey(viewer, eventId);
  if (!survey) return null;
  const responses = await readResponses(survey.id);
  const results: SurveyResults = {
    event,
    surveyId: survey.id,
    questions: survey.questions,
    responseCount: responses.length,
    results: survey.questions.map((q) => summarize(q, responses)),
  };
  return { results, responses };
}

/** Each question's answers, counted (ratings, choices) or listed (text); organizers and admins only. Null when the event has no survey. */
export async function getSurveyResults(viewer: Viewer | null, eventId: string): Promise<SurveyResults | null> {
  return (await loadResults(viewer, eventId))?.results ?? null;
}

/** What a cell of the CSV says for one answer. */
function cellOf(question: SurveyQuestion, value: SurveyAnswerValue | undefined): string {
  if (value === undefined) return "";
  if (question.kind === "choice") return question.options[Number(value)] ?? "";
  return String(value);
}

/**
 * One row per response, one column per question, the first column the name of whoever chose to
 * share it (empty otherwise). Formula-safe as the attendee export is. Exporting is audited.
 */
export async function surveyResultsCsv(viewer: Viewer | null, eventId: string): Promise<{ filename: string; csv: string }> {
  assertRole(viewer, ORGANIZERS);
  const loaded = await loadResults(viewer, eventId);
  if (!loaded) throw new AppError("not_found", "This event has no survey.");
  const { results, responses } = loaded;
  const db = await getDb();
  await recordAudit(db, {
    actorId: viewer.id,
    action: "survey.exported",
    targetType: "event",
    targetId: results.event.id,
    detail: { format: "csv", rows: responses.length },
  });
  const header = ["Shared name", ...results.questions.map((q) => q.prompt)];
  const rows = responses.map((r) => [r.sharedBy ?? "", ...results.questions.map((q) => cellOf(q, r.answers[q.id]))]);
  const csv = stringify([header, ...rows], { bom: true, record_delimiter: "windows", quoted: true, quoted_empty: true, escape_formulas: true });
  return { filename: `survey-${results.event.slug}.csv`, csv };
}
