import "server-only";
import { createEvents, type EventAttributes, type HeaderAttributes } from "ics";
import { getEnv } from "@/lib/env";
import { COMMUNITY_NAME, siteUrl } from "@/lib/site";
import type { InviteEvent } from "./types";

export type CalendarMethod = "PUBLISH" | "REQUEST" | "CANCEL";

/** One VEVENT, with what the calendar's reader may see of it. */
export type CalendarEntry = {
  event: InviteEvent;
  /** TENTATIVE marks a waitlisted seat in a personal feed; a cancelled event is CANCELLED whatever this says. */
  status?: "CONFIRMED" | "TENTATIVE";
  /** Only for someone going (a personal feed); REQUEST always shows it, public files never should. */
  showJoinUrl?: boolean;
  /** When a feed's copy last changed (an RSVP can change it without the event changing); defaults to event.updatedAt. */
  revisedAt?: Date;
  /** The UID a member's calendar already knows the event by (their invite's); defaults to eventUid. */
  uid?: string;
  /** The member's own SEQUENCE (lib/calendar/invites.ts), which may be ahead of the event's. */
  sequence?: number;
  /** Who cancelled, for a CANCEL's description: the member (their RSVP) or the organizers (the event). */
  cancelledBy?: "member" | "organizers";
  /** The organizers' reason for cancelling the event, shown in the calendar entry. */
  cancelNote?: string | null;
};

export type CalendarAttendee = { email: string; name: string | null };

export type BuildCalendarInput = {
  method: CalendarMethod;
  events: ReadonlyArray<CalendarEntry | InviteEvent>;
  attendee?: CalendarAttendee;
  name?: string;
  refreshMinutes?: number;
  /** DTSTAMP of an iTIP message; clients order two messages with one SEQUENCE by it. */
  now?: Date;
  /** The address a calendar's Accept or Decline goes to (the member's reply address); defaults to MAIL_FROM's. */
  organizerEmail?: string;
};

export const PRODUCT_ID = "-//Convene//Community events//EN";
const MAX_OCTETS = 75;

/**
 * Never random, so a calendar recognizes every later copy of the event, and carrying this
 * deployment's host (AUTH_URL), so files from a staging copy of production data can never
 * change the entries production put in members' calendars.
 */
export function eventUid(eventId: string): string {
  return `${eventId}@${new URL(siteUrl()).host}`;
}

/**
 * The iCalendar text (RFC 5545) for some events: a public file or feed (PUBLISH) or an
 * iTIP message to one attendee (REQUEST, CANCEL; RFC 5546).
 *
 * `ics` writes the header and each VEVENT; they are assembled here and corrected where
 * `ics` falls short: it folds by characters rather than octets, hard-codes
 * X-PUBLISHED-TTL, has no REFRESH-INTERVAL and quotes ATTENDEE's keyword parameters.
 */
export function buildCalendar(input: BuildCalendarInput): string {
  const { method, attendee } = input;
  const entries = input.events.map((item) => ("event" in item ? item : { event: item }));
  if (method !== "PUBLISH") {
    if (!attendee) throw new Error(`A ${method} message needs its attendee`);
    if (entries.length !== 1) throw new Error(`A ${method} message carries exactly one event`);
  } else if (attendee) {
    throw new Error("A PUBLISH file has no attendee; use REQUEST to invite someone");
  }

  const now = input.now ?? new Date();
  const fromMailFrom = organizerFromMailFrom(getEnv().MAIL_FROM);
  const organizer = { name: fromMailFrom.name, email: input.organizerEmail ?? fromMailFrom.email };
  const header = runIcs([], { productId: PRODUCT_ID, method }).filter((line) => line !== "END:VCALENDAR" && !line.startsWith("X-PUBLISHED-TTL:"));
  const blocks = entries.map((entry) => renderEvent(eventAttributes({ entry, method, now, organizer }), method === "PUBLISH"));
  const out = [...header, ...calendarProperties(input)].map(foldLine);
  for (const block of blocks) out.push(...block);
  if (attendee) out.splice(out.lastIndexOf("END:VEVENT"), 0, foldLine(attendeeLine(attendee)));
  out.push("END:VCALENDAR");
  return `${out.join("\r\n")}\r\n`;
}

function runIcs(events: EventAttributes[], header: HeaderAttributes): string[] {
  const { error, value } = createEvents(events, header);
  if (error || !value) throw new Error(`Could not build the calendar: ${error?.message ?? "no output"}`);
  return unfold(value);
}

// `ics` validates every event with yup, about half a millisecond each: a 1,000-event
// feed took most of a second, for every conditional GET (the ETag hashes the body).
// A PUBLISH VEVENT depends only on its attributes, so its folded lines are kept.
const veventCache = new Map<string, string[]>();
const VEVENT_CACHE_MAX = 5000;

function renderEvent(attributes: EventAttributes, cacheable: boolean): string[] {
  const key = cacheable ? JSON.stringify(attributes) : "";
  const cached = cacheable ? veventCache.get(key) : undefined;
  if (cached) {
    // Refreshes its place, so the least recently used entry goes first.
    veventCache.delete(key);
    veventCache.set(key, cached);
    return cached;
  }
  const lines = runIcs([attributes], { productId: PRODUCT_ID });
  const block = lines.slice(lines.indexOf("BEGIN:VEVENT"), lines.lastIndexOf("END:VEVENT") + 1).map(foldLine);
  if (cacheable) {
    veventCache.set(key, block);
    if (veventCache.size > VEVENT_CACHE_MAX) veventCache.delete(veventCache.keys().next().value!);
  }
  return block;
}

function calendarProperties({ name, refreshMinutes }: BuildCalendarInput): string[] {
  const lines: string[] = [];
  if (name) {
    const text = escapeText(cleanText(name));
    lines.push(`NAME:${text}`, `X-WR-CALNAME:${text}`);
  }
  if (refreshMinutes !== undefined) {
    if (!Number.isInteger(refreshMinutes) || refreshMinutes <= 0) throw new Error("refreshMinutes must be a positive whole number");
    const duration = refreshMinutes % 60 === 0 ? `PT${refreshMinutes / 60}H` : `PT${refreshMinutes}M`;
    // RFC 7986 for current clients; the X- form for Outlook and older Apple clients.
    lines.push(`REFRESH-INTERVAL;VALUE=DURATION:${duration}`, `X-PUBLISHED-TTL:${duration}`);
  }
  return lines;
}

function eventAttributes({
  entry,
  method,
  now,
  organizer,
}: {
  entry: CalendarEntry;
  method: CalendarMethod;
  now: Date;
  organizer: { name: string; email: string };
}): EventAttributes & { timestamp: number } {
  const { event } = entry;
  const cancelled = method === "CANCEL" || event.status === "cancelled";
  const showJoinUrl = !cancelled && Boolean(event.joinUrl) && (method === "REQUEST" || (method === "PUBLISH" && entry.showJoinUrl === true));
  const status = cancelled ? "CANCELLED" : (entry.status ?? "CONFIRMED");
  const pageUrl = siteUrl(`/events/${encodeURIComponent(event.slug)}`);
  const revisedAt = entry.revisedAt ?? event.updatedAt;

  return {
    uid: entry.uid ?? eventUid(event.id),
    // DTSTAMP: `ics` reads it though its types omit it, and defaults it to the clock.
    // A feed's DTSTAMP is when the copy last changed, so an unchanged feed hashes to the same ETag.
    timestamp: method === "PUBLISH" ? revisedAt.getTime() : now.getTime(),
    // Epoch milliseconds, never date arrays: `ics` reads arrays in the server's own time zone.
    start: event.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: event.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: cleanText(event.title),
    description: cleanText(describe({ entry, cancelled, showJoinUrl, pageUrl })),
    location: locationOf(event, showJoinUrl),
    url: pageUrl,
    status,
    busyStatus: status === "TENTATIVE" ? "TENTATIVE" : undefined,
    sequence: entry.sequence ?? event.sequence,
    lastModified: revisedAt.getTime(),
    organizer: { name: cleanParam(organizer.name), email: organizer.email },
  };
}

/**
 * Written here, not by `ics`: it quotes PARTSTAT, ROLE and CUTYPE, whose grammar in
 * RFC 5545 allows only the bare keywords, and Outlook reads them strictly.
 */
function attendeeLine({ email, name }: CalendarAttendee): string {
  if (!emailPattern.test(email)) throw new Error("The attendee's address cannot go into a calendar");
  const cn = cleanParam(name?.trim() || email);
  return `ATTENDEE;CN="${cn}";RSVP=FALSE;PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT;CUTYPE=INDIVIDUAL:mailto:${email}`;
}

// Nothing that could end the value or start a parameter or a line.
const emailPattern = /^[^\s\p{Cc}@"<>;:,\\]+@[^\s\p{Cc}@"<>;:,\\]+$/u;

function describe({ entry, cancelled, showJoinUrl, pageUrl }: { entry: CalendarEntry; cancelled: boolean; showJoinUrl: boolean; pageUrl: string }): string {
  const { event } = entry;
  const parts: string[] = [];
  // A member's own cancellation leaves the event on: saying it was cancelled would be false.
  if (cancelled && entry.cancelledBy === "member" && event.status !== "cancelled") parts.push("You cancelled your RSVP.");
  else if (cancelled) parts.push("This event has been cancelled.");
  if (cancelled && entry.cancelNote?.trim()) parts.push(`Message from the organizers: ${entry.cancelNote.trim()}`);
  if (event.summary.trim()) parts.push(event.summary.trim());
  if (showJoinUrl) parts.push(`Join online: ${event.joinUrl}`);
  else if (!cancelled && event.format !== "in_person") parts.push("Members who RSVP get the link to join online.");
  parts.push(`Event page: ${pageUrl}`);
  return parts.join("\n\n");
}

function locationOf(event: InviteEvent, showJoinUrl: boolean): string | undefined {
  if (event.location?.trim()) return cleanText(event.location.trim());
  if (showJoinUrl && event.joinUrl) return cleanText(event.joinUrl);
  if (event.format !== "in_person") return "Online";
  return undefined;
}

/** "Name <address>" or a bare address, as MAIL_FROM allows. */
export function organizerFromMailFrom(mailFrom: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+)>\s*$/.exec(mailFrom);
  if (match) return { name: match[1]?.trim() || COMMUNITY_NAME, email: match[2]! };
  return { name: COMMUNITY_NAME, email: mailFrom.trim() };
}

/**
 * TEXT may not hold control characters, and `ics` escapes only CRLF and LF: a lone
 * CR (or a Unicode line separator some parsers honour) would otherwise start a new
 * property. Every line break becomes LF, which `ics` writes as the two characters \n.
 */
export function cleanText(text: string): string {
  return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, "\n").replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "");
}

/**
 * A parameter value (CN) cannot hold DQUOTE or any control character, and `ics`
 * escapes neither correctly, so both are replaced before it sees them.
 */
export function cleanParam(value: string): string {
  return value
    .replace(/[\u0000-\u001F\u007F\u0085\u2028\u2029]+/g, " ")
    .replace(/"/g, "'")
    .trim();
}

/** RFC 5545 TEXT escaping, for the calendar properties written here rather than by `ics`. */
export function escapeText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/;/g, "\\;").replace(/,/g, "\\,");
}

export function unfold(text: string): string[] {
  return text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter((line) => line !== "");
}

/**
 * Folds one content line at 75 octets (RFC 5545 section 3.1), breaking only between
 * code points so no UTF-8 sequence is split; continuation lines start with a space,
 * which counts toward their 75.
 */
export function foldLine(line: string): string {
  // Every UTF-16 unit is at most 3 octets, so short lines need no counting.
  if (line.length * 3 <= MAX_OCTETS || Buffer.byteLength(line, "utf8") <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = utf8Length(char);
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function utf8Length(char: string): number {
  const code = char.codePointAt(0)!;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code < 0x10000) return 3;
  return 4;
}
