import "server-only";
import ICAL from "ical.js";
import { simpleParser, type Attachment } from "mailparser";

/** What the receiver needs from an iTIP REPLY (RFC 5546 3.2.3): whose answer, to which event, and what. */
export type ItipReply = {
  uid: string;
  /** The ORGANIZER's address without `mailto:`, or null. */
  organizer: string | null;
  attendees: { email: string; partstat: string }[];
  /** When the reply was written; orders it against the member's own later RSVP. */
  dtstamp: Date | null;
};

// A calendar reply carries one calendar part; a message with dozens is not one.
const MAX_CALENDAR_PARTS = 5;

function isCalendarPart(attachment: Attachment): boolean {
  const type = attachment.contentType?.toLowerCase() ?? "";
  return type === "text/calendar" || type === "application/ics" || /\.ics$/i.test(attachment.filename ?? "");
}

function charsetOf(attachment: Attachment): string {
  const header = attachment.headers.get("content-type");
  const params = header && typeof header === "object" && "params" in header ? (header.params as Record<string, string>) : {};
  return params.charset?.trim() || "utf-8";
}

function decode(attachment: Attachment): string {
  try {
    return new TextDecoder(charsetOf(attachment)).decode(attachment.content);
  } catch {
    // An unknown charset label: iCalendar is UTF-8 (RFC 5545 3.1.4).
    return new TextDecoder("utf-8").decode(attachment.content);
  }
}

function withoutMailto(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const address = value
    .trim()
    .replace(/^mailto:/i, "")
    .trim();
  return address.includes("@") ? address : null;
}

/** The REPLY in one iCalendar text, or null when it is not one (another METHOD, no VEVENT, not iCalendar at all). */
export function parseItipReply(text: string): ItipReply | null {
  let calendar: InstanceType<typeof ICAL.Component>;
  try {
    calendar = new ICAL.Component(ICAL.parse(text));
  } catch {
    return null;
  }
  if (calendar.name !== "vcalendar") return null;
  if (String(calendar.getFirstPropertyValue("method") ?? "").toUpperCase() !== "REPLY") return null;
  const event = calendar.getFirstSubcomponent("vevent");
  const uid = event?.getFirstPropertyValue("uid");
  if (!event || typeof uid !== "string" || !uid.trim()) return null;
  const attendees = event.getAllProperties("attendee").flatMap((property) => {
    const email = withoutMailto(property.getFirstValue());
    const partstat = property.getParameter("partstat");
    return email ? [{ email, partstat: (typeof partstat === "string" ? partstat : "NEEDS-ACTION").toUpperCase() }] : [];
  });
  const stamp = event.getFirstPropertyValue("dtstamp");
  return {
    uid: uid.trim(),
    organizer: withoutMailto(event.getFirstPropertyValue("organizer")),
    attendees,
    dtstamp: stamp instanceof ICAL.Time ? stamp.toJSDate() : null,
  };
}

/**
 * The iTIP REPLY in a mail message: a `text/calendar; method=REPLY` part or an `.ics`
 * attachment whose METHOD is REPLY (the part's own METHOD decides, not its header).
 * Null for anything else, a message mailparser cannot read included.
 */
export async function readItipReply(message: Buffer | string): Promise<ItipReply | null> {
  let parsed;
  try {
    parsed = await simpleParser(message, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
  } catch {
    return null;
  }
  for (const part of parsed.attachments.filter(isCalendarPart).slice(0, MAX_CALENDAR_PARTS)) {
    const reply = parseItipReply(decode(part));
    if (reply) return reply;
  }
  return null;
}
