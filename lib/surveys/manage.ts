import "server-only";
import { randomBytes } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { events, surveyResponses, surveys, type SurveyQuestion } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertRole } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import { assertEventId, ORGANIZERS } from "@/lib/events/manage-read";
import type { Viewer } from "@/lib/viewer";
import { SURVEY_INVITE_WINDOW_DAYS } from "./invitations";
import { DEFAULT_QUESTIONS, questionsSchema, type EditedQuestion } from "./survey-schema";

export type SurveyEvent = {
  id: string;
  slug: string;
  title: string;
  status: "draft" | "published" | "cancelled";
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
};

export type EventSurvey = {
  event: SurveyEvent;
  survey: { id: string; questions: SurveyQuestion[]; invitationsPlannedAt: Date | null } | null;
  responseCount: number;
  /** Whether the event has ended (invitations go out on the scheduler's next run once it has). */
  ended: boolean;
  /** Ended longer ago than invitations are sent for (SURVEY_INVITE_WINDOW_DAYS): nobody will be emailed. */
  tooLateToInvite: boolean;
};

const LOCKED_MESSAGE = "People have answered this survey, so its questions can no longer change (their answers would no longer match).";

function newQuestionId(): string {
  return randomBytes(4).toString("hex");
}

/** Fresh ids on every save: a form opened before an edit cannot answer the new questions with the old ones' ids. */
function withIds(questions: EditedQuestion[]): SurveyQuestion[] {
  return questionsSchema.parse(questions.map((q) => ({ ...q, id: newQuestionId() }))) as SurveyQuestion[];
}

async function readEvent(tx: Tx, eventId: string): Promise<SurveyEvent> {
  assertEventId(eventId);
  const [event] = await tx
    .select({
      id: events.id,
      slug: events.slug,
      title: events.title,
      status: events.status,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      timeZone: events.timeZone,
    })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) throw new AppError("not_found", "That event could not be found.");
  return event;
}

async function responseCountOf(tx: Tx, surveyId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId));
  return row?.n ?? 0;
}

/** An event's survey as organizers see it (questions, how many answered); organizers and admins only. */
export async function getEventSurvey(viewer: Viewer | null, eventId: string, now = new Date()): Promise<EventSurvey> {
  assertRole(viewer, ORGANIZERS);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const event = await readEvent(tx, eventId);
    const [survey] = await tx
      .select({ id: surveys.id, questions: surveys.questions, invitationsPlannedAt: surveys.invitationsPlannedAt })
      .from(surveys)
      .where(eq(surveys.eventId, event.id));
    return {
      event,
      survey: survey ?? null,
      responseCount: survey ? await responseCountOf(tx, survey.id) : 0,
      ended: event.endsAt <= now,
      tooLateToInvite: event.endsAt.getTime() <= now.getTime() - SURVEY_INVITE_WINDOW_DAYS * 24 * 3600_000,
    };
  });
}

/** Attaches the default survey in one click; a second click (or a second organizer) finds it attached already. */
export async function attachDefaultSurvey(viewer: Viewer | null, eventId: string): Promise<{ surveyId: string }> {
  assertRole(viewer, ORGANIZERS);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const event = await readEvent(tx, eventId);
    if (event.status === "cancelled") throw new AppError("conflict", "This event was cancelled, so nobody will be asked for feedback.");
    const [row] = await tx
      .insert(surveys)
      .values({ eventId: event.id, questions: withIds(DEFAULT_QUESTIONS), createdBy: viewer.id })
      .onConflictDoNothing({ target: surveys.eventId })
      .returning({ id: surveys.id });
    if (!row) throw new AppError("conflict", "This event has a survey already.");
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "survey.attached",
      targetType: "event",
      targetId: event.id,
      detail: { surveyId: row.id, default: true },
    });
    return { surveyId: row.id };
  });
}

/** Lock the survey row, then count: an answer takes the same lock, so no answer slips in between. */
async function lockedSurvey(tx: Tx, eventId: string) {
  const event = await readEvent(tx, eventId);
  const [survey] = await tx.select().from(surveys).where(eq(surveys.eventId, event.id)).for("update");
  if (!survey) throw new AppError("not_found", "This event has no survey.");
  if ((await responseCountOf(tx, survey.id)) > 0) throw new AppError("conflict", LOCKED_MESSAGE);
  return { event, survey };
}

/** Replaces the questions while nobody has answered. */
export async function updateSurveyQuestions(viewer: Viewer | null, eventId: string, questions: EditedQuestion[], now = new Date()): Promise<void> {
  assertRole(viewer, ORGANIZERS);
  const saved = withIds(questions);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { event, survey } = await lockedSurvey(tx, eventId);
    await tx.update(surveys).set({ questions: saved, updatedAt: now }).where(eq(surveys.id, survey.id));
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "survey.updated",
      targetType: "event",
      targetId: event.id,
      detail: { surveyId: survey.id, questions: saved.length },
    });
  });
}

/** Takes the survey off the event while nobody has answered (links already mailed then open nothing). */
export async function removeSurvey(viewer: Viewer | null, eventId: string): Promise<void> {
  assertRole(viewer, ORGANIZERS);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { event, survey } = await lockedSurvey(tx, eventId);
    await tx.delete(surveys).where(eq(surveys.id, survey.id));
    await recordAudit(tx, { actorId: viewer.id, action: "survey.removed", targetType: "event", targetId: event.id, detail: { surveyId: survey.id } });
  });
}
