import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { rsvps } from "@/db/schema";
import { queueEventMail } from "@/lib/events/emails";
import { deliverPendingMail } from "@/lib/mail";
import { createMember } from "@/test/factories";
import { buildInviteAttachment, type InviteMessage } from "./invites";
import { readReplyAddress } from "./reply-address";
import { insertEvent, inviteEvent, onlyEvent, ORGANIZER_EMAIL, paramOf, parseCalendar, SITE, textOf, useCalendarEnv } from "./test-helpers";
import { useSmtpCapture } from "@/test/smtp-capture";

const database = useTestDatabase();
useCalendarEnv();

const recipient = { userId: "", email: "priya.raman@hhs.gov", name: "Priya Raman", timeZone: "America/Chicago", inviteEmails: true };
const RSVP_ID = "0b7c8a52-3f1d-4c2e-9a51-6f0e2d3c4b5a";
const invite = (method: InviteMessage["method"], sequence = 0): InviteMessage => ({ method, sequence, uid: "u-1@convene.example.gov", rsvpId: RSVP_ID });
const smtp = useSmtpCapture();

describe("buildInviteAttachment", () => {
  it("returns the outbox attachment for a REQUEST or CANCEL", () => {
    const event = inviteEvent();
    const request = buildInviteAttachment({ event, attendee: recipient, invite: invite("REQUEST", 3) });
    expect(request).toMatchObject({ method: "REQUEST", filename: "invite.ics" });
    expect(textOf(parseCalendar(request!.content), "method")).toBe("REQUEST");
    // The member's own UID and SEQUENCE, not the event's.
    expect(textOf(onlyEvent(parseCalendar(request!.content)), "uid")).toBe("u-1@convene.example.gov");
    expect(textOf(onlyEvent(parseCalendar(request!.content)), "sequence")).toBe("3");

    const cancel = buildInviteAttachment({ event, attendee: recipient, invite: invite("CANCEL", 1) });
    const cancelled = parseCalendar(cancel!.content);
    expect(textOf(cancelled, "method")).toBe("CANCEL");
    expect(textOf(onlyEvent(cancelled), "status")).toBe("CANCELLED");
    expect(textOf(onlyEvent(cancelled), "sequence")).toBe("1");
  });

  it("gives up the attachment, not the mail, when the calendar cannot be built", () => {
    const quiet = console.error;
    console.error = () => {};
    try {
      expect(buildInviteAttachment({ event: inviteEvent(), attendee: { email: "not an address", name: null }, invite: invite("REQUEST") })).toBeUndefined();
    } finally {
      console.error = quiet;
    }
  });

  it("never emails a PUBLISH", () => {
    const method = "PUBLISH" as unknown as "REQUEST";
    expect(() => buildInviteAttachment({ event: inviteEvent(), attendee: recipient, invite: { ...invite("REQUEST"), method } })).toThrow(/REQUEST or CANCEL/);
  });
});

describe("an RSVP confirmation, end to end through SMTP", () => {
  it("arrives as text/calendar; method=REQUEST with an .ics attachment naming the attendee", async () => {
    const event = await insertEvent(database.db, { title: "Crisis comms tabletop: Señales & rumors" });
    const member = await createMember(database.db, { email: recipient.email, name: recipient.name });
    const [rsvp] = await database.db.insert(rsvps).values({ eventId: event.id, userId: member.id, status: "going" }).returning();
    await queueEventMail(database.db, { kind: "rsvp_confirmed", event, recipient: { ...recipient, userId: member.id } });
    const [queued] = await database.db.select().from(outbox);
    expect(queued?.calendar?.method).toBe("REQUEST");

    expect(await deliverPendingMail({ transport: smtp.transport, from: `Convene <${ORGANIZER_EMAIL}>`, db: database.db })).toEqual({
      sent: 1,
      retried: 0,
      failed: 0,
    });
    expect(smtp.received).toHaveLength(1);
    const raw = smtp.received[0]!.raw;
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8;\s+method=REQUEST/);
    expect(raw).toMatch(/Content-Type: application\/ics; name=invite\.ics/);
    expect(raw).toMatch(/Content-Disposition: attachment; filename=invite\.ics/);

    const mail = await simpleParser(raw);
    const attachment = mail.attachments.find((item) => item.filename === "invite.ics");
    expect(attachment).toBeDefined();
    const calendar = parseCalendar(attachment!.content.toString("utf8"));
    expect(textOf(calendar, "method")).toBe("REQUEST");
    const vevent = onlyEvent(calendar);
    expect(textOf(vevent, "uid")).toBe(`${event.id}@${new URL(SITE).host}`);
    expect(textOf(vevent, "summary")).toBe(event.title);
    expect(textOf(vevent, "attendee")).toBe("mailto:priya.raman@hhs.gov");
    expect(paramOf(vevent, "attendee", "cn")).toBe("Priya Raman");
    // Decline in the member's calendar is mailed to their own signed reply address, CN the community's.
    const organizer = textOf(vevent, "organizer")!.replace(/^mailto:/i, "");
    expect(readReplyAddress(organizer)).toEqual({ rsvpId: rsvp!.id });
    expect(paramOf(vevent, "organizer", "cn")).toBe("Social Media Community of Practice");
    expect(textOf(vevent, "description")).toContain(event.joinUrl!);
    expect(mail.text).toContain("A calendar invitation is attached.");
  });
});
