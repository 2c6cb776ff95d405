import { z } from "zod";
import type { EventHost } from "@/db/schema";
import { DEFAULT_TIME_ZONE, isValidTimeZone } from "@/lib/time";
import { GOVERNMENT_LEVELS, type GovernmentLevel } from "@/lib/members/government-levels";
import { EVENT_FORMATS, EVENT_KINDS } from "./vocabulary";
import { gapMessage, parseDateInput, parseTimeInput, toDateTimeInputs, zonedInstant, type WallClock } from "./wall-clock";

export const MAX_CAPACITY = 100_000;
export const MAX_TOPICS = 10;
export const MAX_HOSTS = 20;

// Titles, summaries and places go into mail subjects, calendar files and pages:
// CR/LF would split a mail header, and bidi overrides can disguise text.
const CONTROL = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
// Markdown keeps its line breaks and tabs; NUL and friends are refused (PostgreSQL rejects NUL outright).
const BODY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const line = (label: string, max: number, { required = false, angles = true } = {}) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(required ? 1 : 0, { error: `Enter ${label}.` })
    .max(max, { error: `Keep ${label} to ${max.toLocaleString("en-US")} characters or fewer.` })
    .refine((value) => !CONTROL.test(value), { error: `Remove line breaks and control characters from ${label}.` })
    .refine((value) => angles || !/[<>]/.test(value), { error: `Remove the < and > characters from ${label}.` });

const optional = <T extends z.ZodType<string, string>>(schema: T) => schema.optional().transform((value) => value ?? "");

const dateField = (label: string) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .refine((value) => value === "" || parseDateInput(value) !== null, { error: `Enter ${label} as a real date, like 2026-12-03.` });

const timeField = (label: string) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .refine((value) => value === "" || parseTimeInput(value) !== null, { error: `Enter ${label} as a time, like 14:00.` });

const timeZoneField = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || DEFAULT_TIME_ZONE)
  .refine((value) => /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value) && isValidTimeZone(value), {
    error: "Choose a valid time zone.",
  });

const capacityField = z
  .string()
  .trim()
  .optional()
  .default("")
  .refine((value) => /^\d*$/.test(value), { error: "Enter capacity as a whole number, like 50, or leave it empty for no limit." })
  .transform((value) => (value === "" ? undefined : value))
  .pipe(
    z.coerce
      .number<string>()
      .int()
      .min(1, { error: "Capacity must be at least 1, or leave it empty for no limit." })
      .max(MAX_CAPACITY, { error: `Capacity can be at most ${MAX_CAPACITY.toLocaleString("en-US")}.` })
      .optional(),
  )
  .transform((value) => value ?? null);

const joinUrlField = optional(
  z
    .string()
    .trim()
    .max(2000, { error: "Keep the join link to 2,000 characters or fewer." })
    .refine((value) => value === "" || isHttpsUrl(value), {
      error: "Enter a join link that starts with https://, like https://gsa.zoomgov.com/j/123.",
    }),
);

function isHttpsUrl(value: string): boolean {
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** "Plain Language, Accessibility" → ["plain-language", "accessibility"]. */
export function normalizeTopics(value: string): string[] {
  const topics = value
    .split(",")
    .map((topic) =>
      topic
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, ""),
    )
    .filter((topic) => topic.length > 0);
  return [...new Set(topics)];
}

const topicsField = optional(z.string().max(1000, { error: "Keep topics to 1,000 characters or fewer." }))
  .transform(normalizeTopics)
  .refine((topics) => topics.length <= MAX_TOPICS, { error: `Enter no more than ${MAX_TOPICS} topics.` })
  .refine((topics) => topics.every((topic) => topic.length <= 40), { error: "Keep each topic to 40 characters or fewer." });

/**
 * One host per line, "Name, Role, Agency". The agency is optional and may itself
 * contain commas ("U.S. Department of Agriculture, Forest Service"), so everything
 * after the second comma is the agency.
 */
export function parseHosts(value: string): { hosts: EventHost[]; problems: string[] } {
  const hosts: EventHost[] = [];
  const problems: string[] = [];
  value.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const text = raw.trim();
    if (!text) return;
    const [name = "", role = "", ...rest] = text.split(",").map((part) => part.trim());
    const agency = rest.join(", ").trim();
    const lineNo = `Line ${index + 1}`;
    if (!name || !role) problems.push(`${lineNo}: write each host as "Name, Role, Agency" (agency optional).`);
    else if ([name, role, agency].some((part) => CONTROL.test(part) || /[<>]/.test(part)))
      problems.push(`${lineNo}: remove the < and > characters and control characters.`);
    else if (name.length > 100 || role.length > 150 || agency.length > 150)
      problems.push(`${lineNo}: keep names to 100 characters, roles and agencies to 150.`);
    else hosts.push(agency ? { name, role, agency } : { name, role });
  });
  if (hosts.length + problems.length > MAX_HOSTS) problems.unshift(`List no more than ${MAX_HOSTS} hosts.`);
  return { hosts, problems };
}

const hostsField = optional(z.string().max(10_000, { error: "Keep the host list to 10,000 characters or fewer." })).transform((value, ctx) => {
  const { hosts, problems } = parseHosts(value);
  for (const message of problems) ctx.addIssue({ code: "custom", message });
  return hosts;
});

// registry: who may attend. One checkbox per level of government (a checked box sends "on"), and domains.
export const MAX_AUDIENCE_DOMAINS = 20;
export const AUDIENCE_LEVEL_FIELDS = {
  federal: "audienceFederal",
  state: "audienceState",
  local: "audienceLocal",
  tribal: "audienceTribal",
  other: "audienceOther",
} as const satisfies Record<GovernmentLevel, string>;
type AudienceLevelField = (typeof AUDIENCE_LEVEL_FIELDS)[GovernmentLevel];

// Absent or "" (the form's blank value) is unticked.
const audienceBox = z.enum(["on", ""], { error: "Tick the box or leave it empty." }).optional();
const audienceLevelFields = Object.fromEntries(Object.values(AUDIENCE_LEVEL_FIELDS).map((name) => [name, audienceBox])) as Record<
  AudienceLevelField,
  typeof audienceBox
>;

// A registered domain, as the admin's allowed domains are written: one name and a top-level domain, no punycode.
const AUDIENCE_DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.[a-z0-9-]{2,63}$/;

/** "gsa.gov, ca.gov" (commas, spaces or lines) → ["gsa.gov", "ca.gov"]; an @ or a subdomain is kept for the check to name. */
export function parseAudienceDomains(value: string): string[] {
  const domains = value
    .split(/[\s,;]+/)
    .map((domain) => domain.trim().toLowerCase().replace(/^@/, ""))
    .filter(Boolean);
  return [...new Set(domains)];
}

const audienceDomainsField = optional(z.string().max(2000, { error: "Keep the domains to 2,000 characters or fewer." }))
  .transform(parseAudienceDomains)
  .superRefine((domains, ctx) => {
    const wrong = domains.find((domain) => !AUDIENCE_DOMAIN.test(domain) || /(^|\.)xn--/.test(domain));
    if (wrong) ctx.addIssue({ code: "custom", message: `Write each domain like gsa.gov: "${wrong.slice(0, 60)}" is not a registered domain.` });
    if (domains.length > MAX_AUDIENCE_DOMAINS) ctx.addIssue({ code: "custom", message: `List no more than ${MAX_AUDIENCE_DOMAINS} domains.` });
  });

const fields = {
  title: line("a title", 200, { required: true, angles: false }),
  summary: optional(line("a summary", 500)),
  body: optional(
    z
      .string()
      .max(20_000, { error: "Keep the description to 20,000 characters or fewer." })
      .refine((value) => !BODY_CONTROL.test(value), { error: "Remove control characters from the description." }),
  ),
  kind: z.enum(EVENT_KINDS, { error: "Choose the kind of event." }),
  format: z.enum(EVENT_FORMATS, { error: "Choose virtual, in person or hybrid." }),
  date: dateField("the date").refine((value) => value !== "", { error: "Enter the date." }),
  startTime: timeField("the start time").refine((value) => value !== "", { error: "Enter the start time." }),
  endTime: timeField("the end time").refine((value) => value !== "", { error: "Enter the end time." }),
  timeZone: timeZoneField,
  location: optional(line("the location", 300)),
  joinUrl: joinUrlField,
  capacity: capacityField,
  rsvpDeadlineDate: optional(dateField("the RSVP deadline date")),
  rsvpDeadlineTime: optional(timeField("the RSVP deadline time")),
  topics: topicsField,
  hosts: hostsField,
  ...audienceLevelFields,
  audienceDomains: audienceDomainsField,
};

type Fields = z.output<z.ZodObject<typeof fields>>;

/** The moments the form's dates and times name, or null where a field is missing or invalid (its own error says why). */
function resolveTimes(value: Fields, ctx: z.RefinementCtx) {
  const zone = typeof value.timeZone === "string" && isValidTimeZone(value.timeZone) ? value.timeZone : null;
  const at = (date: unknown, time: unknown, path: keyof Fields): Date | null => {
    const d = typeof date === "string" ? parseDateInput(date) : null;
    const t = typeof time === "string" ? parseTimeInput(time) : null;
    if (!d || !t || !zone) return null;
    const clock: WallClock = { ...d, ...t };
    const result = zonedInstant(clock, zone);
    if (result.ok) return result.at;
    ctx.addIssue({ code: "custom", path: [path], message: gapMessage(clock) });
    return null;
  };
  return { at, zone };
}

function checkTimes(value: Fields, ctx: z.RefinementCtx) {
  const { at } = resolveTimes(value, ctx);
  const start = at(value.date, value.startTime, "startTime");
  const startClock = typeof value.startTime === "string" ? parseTimeInput(value.startTime) : null;
  const endClock = typeof value.endTime === "string" ? parseTimeInput(value.endTime) : null;
  // Compared as wall clocks: an event in this form ends on the day it starts.
  if (startClock && endClock && endClock.hour * 60 + endClock.minute <= startClock.hour * 60 + startClock.minute) {
    ctx.addIssue({ code: "custom", path: ["endTime"], message: "End time must be after the start time" });
  } else {
    at(value.date, value.endTime, "endTime");
  }

  const hasDeadlineDate = typeof value.rsvpDeadlineDate === "string" && value.rsvpDeadlineDate !== "";
  const hasDeadlineTime = typeof value.rsvpDeadlineTime === "string" && value.rsvpDeadlineTime !== "";
  if (hasDeadlineDate !== hasDeadlineTime) {
    const missing = hasDeadlineDate ? "rsvpDeadlineTime" : "rsvpDeadlineDate";
    ctx.addIssue({ code: "custom", path: [missing], message: "Enter both a date and a time for the RSVP deadline, or neither." });
  } else if (hasDeadlineDate) {
    const deadline = at(value.rsvpDeadlineDate, value.rsvpDeadlineTime, "rsvpDeadlineTime");
    if (deadline && start && deadline >= start) {
      ctx.addIssue({ code: "custom", path: ["rsvpDeadlineDate"], message: "The RSVP deadline must be before the event starts." });
    }
  }
}

function checkPlaces(value: Fields, ctx: z.RefinementCtx) {
  const needsRoom = value.format === "in_person" || value.format === "hybrid";
  const needsLink = value.format === "virtual" || value.format === "hybrid";
  if (needsRoom && !value.location) {
    ctx.addIssue({ code: "custom", path: ["location"], message: "Enter the location for an in-person or hybrid event." });
  }
  if (needsLink && !value.joinUrl) {
    ctx.addIssue({ code: "custom", path: ["joinUrl"], message: "Enter the join link for a virtual or hybrid event." });
  }
}

/**
 * The organizer's event form: FormData strings in, a typed event out. Strict, so
 * a tampered form that adds `status`, `createdBy` or `sequence` is refused.
 * Cross-field rules run even when another field is wrong, so every error shows at once.
 */
export const eventFormSchema = z
  .strictObject(fields)
  .superRefine(
    (value, ctx) => {
      checkTimes(value, ctx);
      checkPlaces(value, ctx);
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  )
  .transform((value) => {
    const zone = value.timeZone;
    const on = (date: string, time: string) => {
      const result = zonedInstant({ ...parseDateInput(date)!, ...parseTimeInput(time)! }, zone);
      if (!result.ok) throw new Error("unreachable: checked above");
      return result.at;
    };
    return {
      title: value.title,
      summary: value.summary,
      body: value.body,
      kind: value.kind,
      format: value.format,
      startsAt: on(value.date, value.startTime),
      endsAt: on(value.date, value.endTime),
      timeZone: zone,
      location: value.location || null,
      joinUrl: value.joinUrl || null,
      capacity: value.capacity,
      rsvpDeadline: value.rsvpDeadlineDate ? on(value.rsvpDeadlineDate, value.rsvpDeadlineTime) : null,
      tags: value.topics,
      hosts: value.hosts,
      audienceLevels: GOVERNMENT_LEVELS.filter((level) => value[AUDIENCE_LEVEL_FIELDS[level]] === "on"),
      audienceDomains: value.audienceDomains,
    };
  });

export type EventFormFields = { [K in keyof typeof fields]: string };
export type EventInput = z.output<typeof eventFormSchema>;

/**
 * What the form shows for a new event: every field empty but the defaults (virtual, the
 * organizer's zone and, when given, the slot from ./default-slot.ts), so a new field needs no line in the page.
 */
export function blankEventFormValues(timeZone: string, slot?: Pick<EventFormFields, "date" | "startTime" | "endTime">): EventFormFields {
  const blank = Object.fromEntries(Object.keys(fields).map((name) => [name, ""])) as EventFormFields;
  const when = slot ? { date: slot.date, startTime: slot.startTime, endTime: slot.endTime } : {};
  return { ...blank, kind: "educational", format: "virtual", timeZone, ...when };
}

/** What the form's inputs show for a saved event, so editing starts from it. */
export function eventFormValues(event: EventInput): EventFormFields {
  const start = toDateTimeInputs(event.startsAt, event.timeZone);
  const end = toDateTimeInputs(event.endsAt, event.timeZone);
  const deadline = event.rsvpDeadline ? toDateTimeInputs(event.rsvpDeadline, event.timeZone) : null;
  return {
    title: event.title,
    summary: event.summary,
    body: event.body,
    kind: event.kind,
    format: event.format,
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    timeZone: event.timeZone,
    location: event.location ?? "",
    joinUrl: event.joinUrl ?? "",
    capacity: event.capacity === null ? "" : String(event.capacity),
    rsvpDeadlineDate: deadline?.date ?? "",
    rsvpDeadlineTime: deadline?.time ?? "",
    topics: event.tags.join(", "),
    hosts: event.hosts.map((host) => [host.name, host.role, host.agency].filter(Boolean).join(", ")).join("\n"),
    ...(Object.fromEntries(GOVERNMENT_LEVELS.map((level) => [AUDIENCE_LEVEL_FIELDS[level], event.audienceLevels.includes(level) ? "on" : ""])) as Record<
      AudienceLevelField,
      string
    >),
    audienceDomains: event.audienceDomains.join(", "),
  };
}
