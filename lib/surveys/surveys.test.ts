import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rsvps, surveyInvitations, surveyParticipants, surveyResponses, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { sendDueNotifications } from "@/lib/notifications/send";
import { DAY, HOUR, mailTo } from "@/lib/notifications/test-helpers";
import { createEvent, createMember, viewerOf } from "@/test/factories";
import { expectAppError } from "@/test/fixtures";
import { ALREADY_ANSWERED, openSurvey, submitSurveyAnswers } from "./answers";
import { attachDefaultSurvey, getEventSurvey, removeSurvey, updateSurveyQuestions } from "./manage";
import { getSurveyResults, surveyResultsCsv } from "./results";
import { ANSWER_TEXT_MAX, answerField, surveyEditorSchema, type SurveyQuestion } from "./survey-schema";
import { createSurveyToken, readSurveyToken } from "./tokens";

const database = useTestDatabase();
const db = () => database.db;

/** A published event that ended an hour before `now`, with the default survey attached, and `going` members going. */
async function endedEventWithSurvey(going: number, { now = new Date() } = {}) {
  const organizer = await createMember(db(), { role: "organizer" });
  const startsAt = new Date(now.getTime() - 2 * HOUR);
  const event = await createEvent(db(), { startsAt, endsAt: new Date(startsAt.getTime() + HOUR) });
  const members = [];
  for (let i = 0; i < going; i++) {
    const member = await createMember(db(), { name: `Member ${i}`, email: `member-${i}-${crypto.randomUUID().slice(0, 6)}@agency.gov` });
    await db().insert(rsvps).values({ eventId: event.id, userId: member.id, status: "going" });
    members.push(member);
  }
  await attachDefaultSurvey(viewerOf(organizer), event.id);
  const { survey } = await getEventSurvey(viewerOf(organizer), event.id);
  return { organizer, event, members, survey: survey!, now };
}

async function surveyMailsTo(email: string) {
  return (await mailTo(db(), email)).filter((mail) => mail.kind === "survey");
}

/** The token in the one survey email a member got. */
async function tokenFor(email: string): Promise<string> {
  const [mail, ...rest] = await surveyMailsTo(email);
  expect(rest).toEqual([]);
  const token = /\/survey\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(mail!.text)?.[1];
  expect(token).toBeTruthy();
  return token!;
}

/** Answers to the default survey: rating, choice, text. */
function answersTo(questions: SurveyQuestion[], values: { rating?: string; choice?: string; text?: string; share?: boolean }) {
  const [rating, choice, text] = questions;
  return {
    ...(values.rating !== undefined ? { [answerField(rating!.id)]: values.rating } : {}),
    ...(values.choice !== undefined ? { [answerField(choice!.id)]: values.choice } : {}),
    ...(values.text !== undefined ? { [answerField(text!.id)]: values.text } : {}),
    ...(values.share ? { shareName: "on" } : {}),
  };
}

describe("who is asked, once", () => {
  it("mails everyone checked in, once, and not those who turned follow-up emails off", async () => {
    const { event, members, now } = await endedEventWithSurvey(4);
    const [came, alsoCame, missed, optedOut] = members;
    await db().update(rsvps).set({ checkedInAt: event.startsAt }).where(eq(rsvps.userId, came!.id));
    await db().update(rsvps).set({ checkedInAt: event.startsAt }).where(eq(rsvps.userId, alsoCame!.id));
    await db().update(rsvps).set({ checkedInAt: event.startsAt }).where(eq(rsvps.userId, optedOut!.id));
    await db().update(users).set({ followUpEmails: false }).where(eq(users.id, optedOut!.id));

    await sendDueNotifications({ now });
    await sendDueNotifications({ now: new Date(now.getTime() + HOUR) });

    expect(await surveyMailsTo(came!.email)).toHaveLength(1);
    expect(await surveyMailsTo(alsoCame!.email)).toHaveLength(1);
    expect(await surveyMailsTo(missed!.email)).toHaveLength(0);
    expect(await surveyMailsTo(optedOut!.email)).toHaveLength(0);
    const [mail] = await surveyMailsTo(came!.email);
    expect(mail!.subject).toBe(`How was ${event.title}? A short survey`);
    expect(mail!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail!.text).toMatch(/\/survey\/[\w-]+\.[\w-]+/);
  });

  it("mails everyone going when nobody was checked in, and nothing before the event ends", async () => {
    const now = new Date();
    const { members } = await endedEventWithSurvey(2, { now });
    await sendDueNotifications({ now: new Date(now.getTime() - 2 * HOUR) });
    for (const member of members) expect(await surveyMailsTo(member.email)).toHaveLength(0);
    await sendDueNotifications({ now });
    for (const member of members) expect(await surveyMailsTo(member.email)).toHaveLength(1);
  });
});

it("asks nobody about an event that ended more than two weeks before the survey was attached", async () => {
  const now = new Date();
  const { members, event, organizer } = await endedEventWithSurvey(1, { now: new Date(now.getTime() - 15 * DAY) });
  expect(await getEventSurvey(viewerOf(organizer), event.id, now)).toMatchObject({ ended: true, tooLateToInvite: true });
  await sendDueNotifications({ now });
  expect(await surveyMailsTo(members[0]!.email)).toHaveLength(0);
});

describe("the link", () => {
  it("opens the survey without a session, takes one answer, and then says it was answered", async () => {
    const { members, survey, now } = await endedEventWithSurvey(1);
    await sendDueNotifications({ now });
    const token = await tokenFor(members[0]!.email);

    const opened = await openSurvey(token, now);
    expect(opened).toMatchObject({ state: "open", questions: survey.questions });
    await submitSurveyAnswers(token, answersTo(survey.questions, { rating: "4", choice: "2", text: "Accessibility, please." }), now);
    expect(await openSurvey(token, now)).toMatchObject({ state: "answered" });
    // A second submission is refused, with a clear message, and nothing more is written.
    await expect(submitSurveyAnswers(token, answersTo(survey.questions, { rating: "1" }), now)).rejects.toThrow(ALREADY_ANSWERED);
    expect(await db().select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id))).toHaveLength(1);
  });

  it("refuses forged, tampered, foreign, replaced and expired links", async () => {
    const { members, survey, now, organizer } = await endedEventWithSurvey(2);
    await sendDueNotifications({ now });
    const [mine, theirs] = members;
    const token = await tokenFor(mine!.email);
    const answers = answersTo(survey.questions, { rating: "5" });

    // Not signed by us: a flipped signature character, a made-up token, another key.
    const [payload, signature] = token.split(".") as [string, string];
    const flipped = `${payload}.${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`;
    expect(await openSurvey(flipped, now)).toBeNull();
    expect(await openSurvey("not-a-token", now)).toBeNull();
    expect(readSurveyToken(`${payload.slice(0, -4)}AAAA.${signature}`)).toBeNull();

    // Signed, but for another member: the payload names them, the stored nonce is theirs, not this one.
    const parsed = readSurveyToken(token)!;
    const forTheOther = createSurveyToken({ surveyId: survey.id, userId: theirs!.id }).token;
    expect(await openSurvey(forTheOther, now)).toBeNull();
    await expectAppError(submitSurveyAnswers(forTheOther, answers, now), "not_found");

    // Signed, but for another event's survey, where this member has no invitation.
    const other = await createEvent(db(), { startsAt: new Date(now.getTime() - 3 * HOUR), endsAt: new Date(now.getTime() - 2 * HOUR) });
    await attachDefaultSurvey(viewerOf(organizer), other.id);
    const otherSurvey = (await getEventSurvey(viewerOf(organizer), other.id)).survey!;
    const elsewhere = createSurveyToken({ surveyId: otherSurvey.id, userId: parsed.userId }).token;
    expect(await openSurvey(elsewhere, now)).toBeNull();
    await expectAppError(submitSurveyAnswers(elsewhere, answers, now), "not_found");

    // A link replaced by a newer one (its nonce no longer stored) opens nothing.
    const newer = createSurveyToken({ surveyId: survey.id, userId: mine!.id });
    const [saved] = await db().select().from(surveyInvitations).where(eq(surveyInvitations.userId, mine!.id));
    await db().update(surveyInvitations).set({ nonceHash: newer.nonceHash }).where(eq(surveyInvitations.userId, mine!.id));
    expect(await openSurvey(token, now)).toBeNull();
    expect(await openSurvey(newer.token, now)).toMatchObject({ state: "open" });
    await db().update(surveyInvitations).set({ nonceHash: saved!.nonceHash }).where(eq(surveyInvitations.userId, mine!.id));

    // Expired: shown as such, and refused.
    const afterExpiry = new Date(saved!.expiresAt.getTime() + 1000);
    expect(await openSurvey(token, afterExpiry)).toMatchObject({ state: "expired" });
    await expectAppError(submitSurveyAnswers(token, answers, afterExpiry), "conflict");
    expect(await db().select().from(surveyParticipants).where(eq(surveyParticipants.surveyId, survey.id))).toHaveLength(0);

    // A disabled account's link opens nothing.
    await db().update(users).set({ disabledAt: now }).where(eq(users.id, mine!.id));
    expect(await openSurvey(token, now)).toBeNull();
  });

  it("takes one answer per member when submissions race (run on PostgreSQL to race for real)", async () => {
    const { members, survey, now } = await endedEventWithSurvey(1);
    await sendDueNotifications({ now });
    const token = await tokenFor(members[0]!.email);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => submitSurveyAnswers(token, answersTo(survey.questions, { rating: String((i % 5) + 1) }), now)),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes.filter((o) => o.status === "rejected")) {
      expect(String((outcome as PromiseRejectedResult).reason)).toContain(ALREADY_ANSWERED);
    }
    expect(await db().select().from(surveyParticipants).where(eq(surveyParticipants.surveyId, survey.id))).toHaveLength(1);
    expect(await db().select().from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id))).toHaveLength(1);
  });
});

describe("answers", () => {
  it("are bounded: ratings 1 to 5, a listed option, text of bounded length, only this survey's fields", async () => {
    const { members, survey, now } = await endedEventWithSurvey(1);
    await sendDueNotifications({ now });
    const token = await tokenFor(members[0]!.email);
    const [rating, choice, text] = survey.questions;
    const refusal = async (form: Record<string, string>) => {
      try {
        await submitSurveyAnswers(token, form, now);
      } catch (error) {
        return error as { kind: string; message: string; fieldErrors?: Record<string, string[]> };
      }
      throw new Error("accepted");
    };

    expect((await refusal(answersTo(survey.questions, { rating: "6" }))).fieldErrors).toHaveProperty(answerField(rating!.id));
    expect((await refusal(answersTo(survey.questions, { rating: "0" }))).fieldErrors).toHaveProperty(answerField(rating!.id));
    expect((await refusal(answersTo(survey.questions, { rating: "4.5" }))).fieldErrors).toHaveProperty(answerField(rating!.id));
    expect((await refusal(answersTo(survey.questions, { rating: "4", choice: "9" }))).fieldErrors).toHaveProperty(answerField(choice!.id));
    const long = await refusal(answersTo(survey.questions, { rating: "4", text: "x".repeat(ANSWER_TEXT_MAX + 1) }));
    expect(long.fieldErrors?.[answerField(text!.id)]?.[0]).toMatch(/characters or fewer/);
    expect((await refusal(answersTo(survey.questions, { rating: "4", text: "bell\u0007" }))).fieldErrors).toHaveProperty(answerField(text!.id));
    // The default's rating is required.
    expect((await refusal(answersTo(survey.questions, { text: "Only text" }))).fieldErrors?.[answerField(rating!.id)]?.[0]).toBe(
      "Choose an answer to this question.",
    );
    // A field of another survey, or one no form has.
    expect((await refusal({ ...answersTo(survey.questions, { rating: "4" }), a_deadbeef: "1" })).message).toMatch(/survey changed/);
    expect((await refusal({ ...answersTo(survey.questions, { rating: "4" }), userId: members[0]!.id })).message).toMatch(/survey changed/);
    expect((await refusal({ ...answersTo(survey.questions, { rating: "4" }), shareName: "yes" })).message).toMatch(/survey changed/);
    // None of it was recorded; the member can still answer.
    expect(await openSurvey(token, now)).toMatchObject({ state: "open" });
  });

  it("reach organizers without a name unless the member chose to share it, in the results and the CSV", async () => {
    const { members, survey, now, organizer, event } = await endedEventWithSurvey(2);
    const [anonymous, named] = members;
    await db().update(users).set({ name: "Quinn Anonymous" }).where(eq(users.id, anonymous!.id));
    await db().update(users).set({ name: "Sam Sharer" }).where(eq(users.id, named!.id));
    await sendDueNotifications({ now });
    await submitSurveyAnswers(await tokenFor(anonymous!.email), answersTo(survey.questions, { rating: "2", choice: "0", text: '=HYPERLINK("x")' }), now);
    await submitSurveyAnswers(await tokenFor(named!.email), answersTo(survey.questions, { rating: "5", text: "Great session", share: true }), now);

    const results = (await getSurveyResults(viewerOf(organizer), event.id))!;
    expect(results.responseCount).toBe(2);
    const [ratings, choices, texts] = results.results;
    expect(ratings).toMatchObject({ answered: 2, average: 3.5 });
    expect("bars" in ratings! && ratings.bars.map((b) => b.count)).toEqual([0, 1, 0, 0, 1]);
    expect("bars" in choices! && choices.bars.map((b) => b.count)).toEqual([1, 0, 0, 0]);
    expect("texts" in texts! && [...texts.texts].sort((a, b) => a.text.localeCompare(b.text))).toEqual([
      { text: '=HYPERLINK("x")', sharedBy: null },
      { text: "Great session", sharedBy: `Sam Sharer (${named!.email})` },
    ]);
    const everything = JSON.stringify(results);
    expect(everything).not.toContain(anonymous!.id);
    expect(everything).not.toContain(anonymous!.email);
    expect(everything).not.toContain("Quinn");

    const { csv, filename } = await surveyResultsCsv(viewerOf(organizer), event.id);
    expect(filename).toBe(`survey-${event.slug}.csv`);
    expect(csv).toContain("Sam Sharer");
    expect(csv).not.toContain("Quinn");
    expect(csv).not.toContain(anonymous!.email);
    expect(csv).not.toContain(anonymous!.id);
    // Formula-safe: the cell starts with a quote, not "=".
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    // The answer rows carry no ids or times that could be matched with who answered when.
    const [row] = await db().select().from(surveyResponses).where(eq(surveyResponses.sharedUserId, named!.id));
    expect(Object.keys(row!).sort()).toEqual(["answers", "id", "sharedUserId", "surveyId"]);
  });
});

describe("organizers", () => {
  it("alone (and admins) see results and the CSV, and attach, edit or remove surveys", async () => {
    const { members, event, organizer } = await endedEventWithSurvey(1);
    const admin = await createMember(db(), { role: "admin" });
    const notJoined = await createMember(db(), { guidelinesAcceptedAt: null });
    for (const call of [
      () => getSurveyResults(viewerOf(members[0]!), event.id),
      () => surveyResultsCsv(viewerOf(members[0]!), event.id),
      () => updateSurveyQuestions(viewerOf(members[0]!), event.id, [{ kind: "text", prompt: "Hi?", required: false }]),
      () => removeSurvey(viewerOf(members[0]!), event.id),
      () => attachDefaultSurvey(viewerOf(members[0]!), event.id),
      () => getSurveyResults(viewerOf(notJoined), event.id),
    ]) {
      await expectAppError(call(), "forbidden");
    }
    await expectAppError(getSurveyResults(null, event.id), "unauthenticated");
    await expectAppError(surveyResultsCsv(null, event.id), "unauthenticated");
    expect(await getSurveyResults(viewerOf(admin), event.id)).toMatchObject({ responseCount: 0 });
    expect(await getSurveyResults(viewerOf(organizer), event.id)).toMatchObject({ responseCount: 0 });
    await expectAppError(getSurveyResults(viewerOf(organizer), "not-an-id"), "not_found");
  });

  it("cannot change the questions once anyone has answered", async () => {
    const { members, survey, now, organizer, event } = await endedEventWithSurvey(1);
    await updateSurveyQuestions(viewerOf(organizer), event.id, [{ kind: "rating", prompt: "Worth your time?", required: true }]);
    const edited = (await getEventSurvey(viewerOf(organizer), event.id)).survey!;
    expect(edited.questions).toMatchObject([{ kind: "rating", prompt: "Worth your time?", required: true }]);
    expect(edited.questions[0]!.id).not.toBe(survey.questions[0]!.id);
    await sendDueNotifications({ now });
    await submitSurveyAnswers(await tokenFor(members[0]!.email), { [answerField(edited.questions[0]!.id)]: "3" }, now);
    await expectAppError(updateSurveyQuestions(viewerOf(organizer), event.id, [{ kind: "text", prompt: "Changed?", required: false }]), "conflict");
    await expectAppError(removeSurvey(viewerOf(organizer), event.id), "conflict");
    await expectAppError(attachDefaultSurvey(viewerOf(organizer), event.id), "conflict");
  });

  it("write surveys within bounds: at most 10 questions, 2 to 8 distinct options", () => {
    const slots = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [
          [`q${i}_kind`, "text"],
          [`q${i}_prompt`, `Question ${i}?`],
        ]).flat(),
      );
    expect(surveyEditorSchema.safeParse(slots(10)).success).toBe(true);
    expect(surveyEditorSchema.safeParse(slots(11)).success).toBe(false);
    const choice = (options: string) => surveyEditorSchema.safeParse({ q0_kind: "choice", q0_prompt: "Which?", q0_options: options });
    expect(choice("One").success).toBe(false);
    expect(choice(Array.from({ length: 9 }, (_, i) => `Option ${i}`).join("\n")).success).toBe(false);
    expect(choice("Same\nsame").success).toBe(false);
    expect(choice("Yes\nNo").data).toEqual([{ kind: "choice", prompt: "Which?", required: false, options: ["Yes", "No"] }]);
    const long = surveyEditorSchema.safeParse({ q0_kind: "text", q0_prompt: "x".repeat(201) });
    expect(long.error?.issues[0]?.path).toEqual(["q0_prompt"]);
    expect(surveyEditorSchema.safeParse({ q0_kind: "essay", q0_prompt: "Hi?" }).success).toBe(false);
    expect(surveyEditorSchema.safeParse({ q0_kind: "text", q0_prompt: "Hi?", q0_remove: "on" }).success).toBe(false);
    expect(surveyEditorSchema.safeParse({ q0_kind: "text", q0_prompt: "Hi?", sneaky: "1" }).success).toBe(false);
  });
});
