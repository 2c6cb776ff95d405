import "server-only";
import type { InviteEvent } from "@/lib/calendar/types";
import type { OutgoingMail } from "@/lib/mail";
import { COMMUNITY_NAME, siteUrl } from "@/lib/site";
import { DEFAULT_TIME_ZONE, formatEventWhen, formatShortStart, zonesDiffer } from "@/lib/time";
import type { OptionalEmailKind } from "./kinds";
import { unsubscribeHeaders, unsubscribeUrl } from "./unsubscribe-tokens";

export type Member = { id: string; email: string; name: string | null; timeZone: string };

/** The footer and RFC 8058 headers every non-essential email carries. */
function withUnsubscribe(member: Member, kind: OptionalEmailKind, what: string, lines: string[]) {
  const url = unsubscribeUrl({ userId: member.id, kind });
  lines.push("", "--", COMMUNITY_NAME, `To stop ${what}, open: ${url}`, `To choose which emails you get, visit your account page: ${siteUrl("/account")}`);
  return { text: lines.join("\n"), headers: unsubscribeHeaders(url) };
}

/** The member's own time first, then Eastern Time, the community's reference clock. */
function whenLines(event: Pick<InviteEvent, "startsAt" | "endsAt">, timeZone: string): string[] {
  const mine = formatEventWhen(event.startsAt, event.endsAt, timeZone);
  const lines = [`When: ${mine.date}, ${mine.time}`];
  if (zonesDiffer(timeZone, DEFAULT_TIME_ZONE, event.startsAt)) {
    const eastern = formatEventWhen(event.startsAt, event.endsAt, DEFAULT_TIME_ZONE);
    lines.push(`Eastern Time: ${eastern.date}, ${eastern.time}`);
  }
  return lines;
}

export function reminderMail({
  kind,
  event,
  member,
}: {
  kind: "reminder_day" | "reminder_hour";
  event: InviteEvent;
  member: Member;
  /** Unused since reminders carry no calendar part; kept so callers need not change. */
  now?: Date;
}): OutgoingMail {
  const soon = kind === "reminder_day" ? "starts tomorrow" : "starts in about an hour";
  const lines = [
    `Hello ${member.name ?? "there"},`,
    "",
    `A reminder: an event you're going to ${soon}.`,
    "",
    event.title,
    "",
    ...whenLines(event, member.timeZone),
  ];
  if (event.format !== "in_person" && event.joinUrl) lines.push(`Join online: ${event.joinUrl}`);
  if (event.format !== "virtual" && event.location) lines.push(`Where: ${event.location}`);
  // A virtual event with no link yet still tells people where to look.
  if (!event.joinUrl && !event.location) lines.push("Where: the organizers will share the details on the event page.");
  lines.push("", `Event page: ${siteUrl(`/events/${event.slug}`)}`);
  // No calendar part: whoever has the invite got it, and every change, already (lib/calendar/invites.ts),
  // and a REQUEST here would put the event in the calendar of a member who turned invites off.
  const what = kind === "reminder_day" ? "reminders the day before events" : "reminders an hour before events";
  const { text, headers } = withUnsubscribe(member, kind, what, lines);
  return {
    to: member.email,
    subject: `Reminder: ${event.title}, ${formatShortStart(event.startsAt, member.timeZone)}`,
    text,
    headers,
    kind,
  };
}

export type FollowUpResource = { id: string; title: string; type: string; kind: "link" | "file"; url: string | null };

export function resourceHref(resource: Pick<FollowUpResource, "id" | "kind" | "url">): string {
  return resource.kind === "link" && resource.url ? resource.url : siteUrl(`/resources/${resource.id}/download`);
}

export function followUpMail({
  event,
  member,
  attended,
  resources,
}: {
  event: { title: string; slug: string };
  member: Member;
  attended: boolean;
  resources: FollowUpResource[];
}): OutgoingMail {
  const lines = [
    `Hello ${member.name ?? "there"},`,
    "",
    attended
      ? `Thanks for coming to ${event.title}. The recording and slides are now available.`
      : `In case you missed it: the recording and slides from ${event.title} are now available.`,
    "",
    ...resources.flatMap((resource) => [
      `- ${resource.title} (${resource.type}): ${resourceHref(resource)}`,
      // captions: a recording's captions and transcript are on its own page.
      ...(resource.type === "recording" ? [`  Captions and transcript: ${siteUrl(`/resources/${resource.id}`)}`] : []),
    ]),
    "",
    `Event page: ${siteUrl(`/events/${event.slug}`)}`,
  ];
  const { text, headers } = withUnsubscribe(member, "follow_up", "emails about recordings and slides", lines);
  return {
    to: member.email,
    subject: attended ? `Recording and slides are now available: ${event.title}` : `In case you missed it: recording and slides from ${event.title}`,
    text,
    headers,
    kind: "follow_up",
  };
}

export type DigestEvent = { title: string; slug: string; startsAt: Date };
export type DigestResource = FollowUpResource;

export function digestMail({ member, events, resources }: { member: Member; events: DigestEvent[]; resources: DigestResource[] }): OutgoingMail {
  const lines = [`Hello ${member.name ?? "there"},`, "", `Here is your week in the ${COMMUNITY_NAME}.`, ""];
  lines.push("Upcoming events (next two weeks):");
  if (events.length === 0) lines.push("- Nothing scheduled yet.");
  for (const event of events) {
    lines.push(`- ${event.title}, ${formatShortStart(event.startsAt, member.timeZone)}: ${siteUrl(`/events/${event.slug}`)}`);
  }
  lines.push("", "Resources added this week:");
  if (resources.length === 0) lines.push("- None this week.");
  for (const resource of resources) lines.push(`- ${resource.title} (${resource.type}): ${resourceHref(resource)}`);
  lines.push("", `All events: ${siteUrl("/events")}`, `All resources: ${siteUrl("/resources")}`);
  const { text, headers } = withUnsubscribe(member, "digest", "the weekly digest", lines);
  return { to: member.email, subject: `This week: ${COMMUNITY_NAME}`, text, headers, kind: "digest" };
}
