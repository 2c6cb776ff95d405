import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { surveyInvitations, surveyParticipants, surveys } from "@/db/schema";
import type { OutgoingMail } from "@/lib/mail";
import { unsubscribeHeaders, unsubscribeUrl } from "@/lib/notifications/unsubscribe-tokens";
import { COMMUNITY_NAME, siteUrl } from "@/lib/site";
import { formatShortStart } from "@/lib/time";
import { createSurveyToken, surveyUrl } from "./tokens";

/** How long a survey link works after it is mailed. */
export const SURVEY_LINK_DAYS = 30;
/** Surveys of events that ended longer ago than this are never sent (attached long after the fact). */
export const SURVEY_INVITE_WINDOW_DAYS = 14;

/**
 * Once per survey, the first scheduler run after its event ends queues one invitation per member
 * who checked in, or, when nobody was checked in, per member going. Members who turned off
 * follow-up emails (the switch for email after events) or whose account is disabled are left out;
 * send time asks again. The survey row is marked planned in the same statement that reads it, so
 * however many schedulers run, it is planned once, and the notification key keeps each member's
 * email to one.
 */
export async function planSurveyInvitations(tx: Tx | Db, now: Date): Promise<void> {
  const at = sql`${now.toISOString()}::timestamptz`;
  await tx.execute(sql`
    with ready as (
      update surveys s set invitations_planned_at = ${at}
      from events e
      where e.id = s.event_id and s.invitations_planned_at is null and e.status = 'published'
        and e.ends_at <= ${at} and e.ends_at > ${at} - ${SURVEY_INVITE_WINDOW_DAYS}::integer * interval '1 day'
      returning s.event_id
    )
    insert into notifications (key, kind, user_id, event_id, due_at)
    select 'survey:' || r.event_id || ':' || r.user_id, 'survey', r.user_id, r.event_id, ${at}
    from ready
    join rsvps r on r.event_id = ready.event_id and r.status = 'going'
    join users u on u.id = r.user_id
    where u.follow_up_emails and u.disabled_at is null
      and (r.checked_in_at is not null
           or not exists (select 1 from rsvps c where c.event_id = r.event_id and c.status = 'going' and c.checked_in_at is not null))
    on conflict (key) do nothing`);
}

type Member = { id: string; email: string; name: string | null; timeZone: string };
type Event = { id: string; title: string; slug: string; startsAt: Date };

/**
 * At send time: the member's link (a new nonce, stored hashed, replacing any earlier one) and the
 * email carrying it, or why nothing goes. Runs in the notification's own savepoint, so an email
 * that fails to queue leaves no working link behind.
 */
export async function surveyInvitationOutcome(
  tx: Tx,
  { event, member, now }: { event: Event; member: Member; now: Date },
): Promise<{ mail: OutgoingMail } | { skip: string }> {
  const [survey] = await tx.select({ id: surveys.id }).from(surveys).where(eq(surveys.eventId, event.id));
  if (!survey) return { skip: "the survey was removed" };
  const [answered] = await tx
    .select({ userId: surveyParticipants.userId })
    .from(surveyParticipants)
    .where(and(eq(surveyParticipants.surveyId, survey.id), eq(surveyParticipants.userId, member.id)));
  if (answered) return { skip: "already answered" };
  const { token, nonceHash } = createSurveyToken({ surveyId: survey.id, userId: member.id });
  const expiresAt = new Date(now.getTime() + SURVEY_LINK_DAYS * 24 * 3600_000);
  await tx
    .insert(surveyInvitations)
    .values({ surveyId: survey.id, userId: member.id, nonceHash, expiresAt, createdAt: now })
    .onConflictDoUpdate({ target: [surveyInvitations.surveyId, surveyInvitations.userId], set: { nonceHash, expiresAt, createdAt: now } });
  return { mail: surveyMail({ event, member, url: surveyUrl(token), expiresAt }) };
}

export function surveyMail({ event, member, url, expiresAt }: { event: Event; member: Member; url: string; expiresAt: Date }): OutgoingMail {
  const unsubscribe = unsubscribeUrl({ userId: member.id, kind: "survey" });
  const lines = [
    `Hello ${member.name ?? "there"},`,
    "",
    `The organizers of ${event.title} (${formatShortStart(event.startsAt, member.timeZone)}) would like to know how it went.`,
    "The survey takes a minute or two, and you don't need to sign in:",
    "",
    url,
    "",
    "Your answers are anonymous unless you choose to share your name with the organizers.",
    `You can answer once; the link works until ${formatShortStart(expiresAt, member.timeZone)}. Please don't forward it: it is yours alone.`,
    "",
    "--",
    COMMUNITY_NAME,
    `To stop feedback surveys and other emails after events you went to, open: ${unsubscribe}`,
    `To choose which emails you get, visit your account page: ${siteUrl("/account")}`,
  ];
  return {
    to: member.email,
    subject: `How was ${event.title}? A short survey`,
    text: lines.join("\n"),
    headers: unsubscribeHeaders(unsubscribe),
    kind: "survey",
  };
}
