import "server-only";
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, gt, or } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db";
import { events, notifications, resources, rsvps, users } from "@/db/schema";
import { enqueueMail, retryDelayMs, type OutgoingMail } from "@/lib/mail";
import { errorText } from "@/lib/mail/error-text";
import { planDigests } from "./digest";
import { digestMail, followUpMail, reminderMail, type Member } from "./emails";
import { FOLLOW_UP_TYPES, WAITING_FOR_RECORDING } from "./follow-ups";
import { preferenceColumnOf } from "./kinds";
import { REMINDER_LEADS } from "./reminders";
import { eventUpdateOutcome } from "@/lib/events/updates";
import { planSurveyInvitations, surveyInvitationOutcome } from "@/lib/surveys/invitations";

export type SendResult = { sent: number; skipped: number; retried: number; failed: number };
type Settled = keyof SendResult;
type Notification = typeof notifications.$inferSelect;
/** A mail to queue, or the reason there is nothing to send any more. */
type Outcome = { mail: OutgoingMail } | { skip: string };

const DIGEST_EVENTS_DAYS = 14;
const DIGEST_RESOURCES_DAYS = 7;
const DIGEST_LIST_MAX = 20;
/** Tries before a notification is marked failed: 30 s, 1, 2 and 4 minutes apart (the outbox's backoff). */
export const NOTIFICATION_MAX_ATTEMPTS = 5;

/**
 * Sends every notification that is due, once. A batch is claimed with
 * FOR UPDATE SKIP LOCKED, so schedulers in other processes take other rows, and each
 * email is written to the outbox in the same transaction that marks its row sent:
 * a crash before the commit leaves the row pending for the next run, and after it the
 * row is sent and its mail is queued. The mail deliverer does the rest.
 *
 * Each row's work runs in its own savepoint: a row whose email cannot be built or
 * queued rolls back alone, is retried with backoff, and after NOTIFICATION_MAX_ATTEMPTS
 * is marked failed (admins see it at /admin/mail); every other row still goes out.
 */
export async function sendDueNotifications({
  now = new Date(),
  batchSize = 50,
  db: givenDb,
}: { now?: Date; batchSize?: number; db?: Db } = {}): Promise<SendResult> {
  const db = givenDb ?? (await getDb());
  await planDigests(db, now);
  await planSurveyInvitations(db, now);
  const result: SendResult = { sent: 0, skipped: 0, retried: 0, failed: 0 };
  for (;;) {
    const size = await db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.status, "pending"),
            lte(notifications.dueAt, now),
            or(isNull(notifications.nextAttemptAt), lte(notifications.nextAttemptAt, now)),
          ),
        )
        .orderBy(asc(notifications.dueAt), asc(notifications.id))
        .limit(batchSize)
        .for("update", { skipLocked: true });
      for (const row of due) {
        let settled: Settled;
        try {
          settled = await tx.transaction((savepoint) => settle(savepoint, row, now));
        } catch (error) {
          settled = await recordFailure(tx, row, error, now);
        }
        result[settled]++;
      }
      return due.length;
    });
    // Rows that failed wait for their next attempt, so the next claim does not see them again.
    if (size < batchSize) return result;
  }
}

async function settle(tx: Tx, row: Notification, now: Date): Promise<Settled> {
  const outcome = await outcomeOf(tx, row, now);
  if ("mail" in outcome) {
    const outboxId = await enqueueMail(tx, outcome.mail);
    await tx.update(notifications).set({ status: "sent", sentAt: now, outboxId, lastError: null }).where(eq(notifications.id, row.id));
    return "sent";
  }
  await tx.update(notifications).set({ status: "skipped", skipReason: outcome.skip }).where(eq(notifications.id, row.id));
  return "skipped";
}

/** Outside the rolled-back savepoint, in the batch's transaction, which the savepoint left usable. */
async function recordFailure(tx: Tx, row: Notification, error: unknown, now: Date): Promise<Settled> {
  const attempts = row.attempts + 1;
  const lastError = errorText(error);
  const giveUp = attempts >= NOTIFICATION_MAX_ATTEMPTS;
  console.error(`[notifications] ${row.key} failed (attempt ${attempts}${giveUp ? ", giving up" : ""}): ${lastError}`);
  await tx
    .update(notifications)
    .set(
      giveUp
        ? { status: "failed", attempts, lastError, nextAttemptAt: null, failedAt: now }
        : { attempts, lastError, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) },
    )
    .where(eq(notifications.id, row.id));
  return giveUp ? "failed" : "retried";
}

async function memberOf(tx: Tx, userId: string) {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      timeZone: users.timeZone,
      disabledAt: users.disabledAt,
      reminderDayBefore: users.reminderDayBefore,
      reminderHourBefore: users.reminderHourBefore,
      followUpEmails: users.followUpEmails,
      weeklyDigest: users.weeklyDigest,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

/** Decides at send time, from the current rows, so a change the schedule missed still counts. */
async function outcomeOf(tx: Tx, row: Notification, now: Date): Promise<Outcome> {
  const member = await memberOf(tx, row.userId);
  if (!member || member.disabledAt) return { skip: "account disabled" };
  // Essential (the member's calendar must stay true): no preference turns it off.
  if (row.kind === "event_update") return eventUpdateOutcome(tx, row, now);
  if (!member[preferenceColumnOf[row.kind]]) return { skip: "turned off by the member" };
  const to: Member = { id: member.id, email: member.email, name: member.name, timeZone: member.timeZone };

  if (row.kind === "digest") return digestOutcome(tx, to, now);
  if (!row.eventId) return { skip: "no event" };
  const [event] = await tx.select().from(events).where(eq(events.id, row.eventId));
  const [rsvp] = await tx
    .select({ status: rsvps.status, checkedInAt: rsvps.checkedInAt })
    .from(rsvps)
    .where(and(eq(rsvps.eventId, row.eventId), eq(rsvps.userId, row.userId)));
  if (!event || event.status !== "published") return { skip: "event not published" };
  if (rsvp?.status !== "going") return { skip: "not going" };

  if (row.kind === "survey") return surveyInvitationOutcome(tx, { event, member: to, now });

  if (row.kind === "follow_up") {
    const attached = await tx
      .select({ id: resources.id, title: resources.title, type: resources.type, kind: resources.kind, url: resources.url })
      .from(resources)
      .where(and(eq(resources.eventId, event.id), inArray(resources.type, [...FOLLOW_UP_TYPES]), eq(resources.draft, false)))
      .orderBy(asc(resources.createdAt));
    // captions: a recording that became a draft after this was queued holds it; publishing it revives the row.
    const [waiting] = await tx
      .select({ id: resources.id })
      .from(resources)
      .where(and(eq(resources.eventId, event.id), eq(resources.draft, true)))
      .limit(1);
    if (waiting) return { skip: WAITING_FOR_RECORDING };
    if (attached.length === 0) return { skip: "the recording and slides were removed" };
    return { mail: followUpMail({ event, member: to, attended: rsvp.checkedInAt !== null, resources: attached }) };
  }

  if (event.startsAt <= now) return { skip: "event already started" };
  // Sent late (the scheduler was down): the hour-before reminder says it better.
  if (row.kind === "reminder_day" && event.startsAt.getTime() - now.getTime() <= REMINDER_LEADS.reminder_hour) {
    return { skip: "too late for the day-before reminder" };
  }
  return { mail: reminderMail({ kind: row.kind, event, member: to, now }) };
}

async function digestOutcome(tx: Tx, member: Member, now: Date): Promise<Outcome> {
  const until = new Date(now.getTime() + DIGEST_EVENTS_DAYS * 24 * 3600_000);
  const since = new Date(now.getTime() - DIGEST_RESOURCES_DAYS * 24 * 3600_000);
  const upcoming = await tx
    .select({ title: events.title, slug: events.slug, startsAt: events.startsAt })
    .from(events)
    .where(and(eq(events.status, "published"), gt(events.startsAt, now), lt(events.startsAt, until)))
    .orderBy(asc(events.startsAt))
    .limit(DIGEST_LIST_MAX);
  const added = await tx
    .select({ id: resources.id, title: resources.title, type: resources.type, kind: resources.kind, url: resources.url })
    .from(resources)
    .where(and(gte(resources.createdAt, since), lte(resources.createdAt, now), eq(resources.draft, false)))
    .orderBy(desc(resources.createdAt))
    .limit(DIGEST_LIST_MAX);
  if (upcoming.length === 0 && added.length === 0) return { skip: "nothing new this week" };
  return { mail: digestMail({ member, events: upcoming, resources: added }) };
}
