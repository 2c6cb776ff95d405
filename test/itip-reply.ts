// The file, not the folder: Playwright loads this as a Node ES module, which cannot import a directory.
import MailComposer from "nodemailer/lib/mail-composer/index.js";

/**
 * A calendar reply as a calendar app sends it, for the receiver's tests and the e2e
 * spec: the iTIP REPLY (RFC 5546 3.2.3) shaped like Google Calendar's, in a real MIME
 * message built by nodemailer's MailComposer.
 */
export type ReplyFields = {
  uid: string;
  organizer: string;
  attendee: string;
  partstat: string;
  dtstamp?: Date;
  sequence?: number;
  method?: string;
};

function stamp(date: Date) {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

export function itipReply({ uid, organizer, attendee, partstat, dtstamp = new Date(), sequence = 0, method = "REPLY" }: ReplyFields): string {
  return [
    "BEGIN:VCALENDAR",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    `METHOD:${method}`,
    "BEGIN:VEVENT",
    "DTSTART:20301015T150000Z",
    "DTEND:20301015T160000Z",
    `DTSTAMP:${stamp(dtstamp)}`,
    `ORGANIZER;CN=Social Media Community of Practice:mailto:${organizer}`,
    `UID:${uid}`,
    `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat};CN=Member:mailto:${attendee}`,
    `SEQUENCE:${sequence}`,
    "STATUS:CONFIRMED",
    "SUMMARY:Plain Language for Social Media",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}

/** The reply as mail: a text part and the calendar as `text/calendar; method=REPLY` (or as an .ics attachment only). */
export async function replyMessage(fields: ReplyFields & { from?: string; to?: string; asAttachment?: boolean }): Promise<Buffer> {
  const content = itipReply(fields);
  const mail = new MailComposer({
    from: fields.from ?? fields.attendee,
    to: fields.to ?? fields.organizer,
    subject: `${fields.partstat === "DECLINED" ? "Declined" : "Accepted"}: Plain Language for Social Media`,
    text: "Member has replied to this invitation.",
    ...(fields.asAttachment
      ? { attachments: [{ filename: "invite.ics", content, contentType: "application/octet-stream" }] }
      : { icalEvent: { method: fields.method ?? "REPLY", content } }),
  });
  return mail.compile().build();
}
