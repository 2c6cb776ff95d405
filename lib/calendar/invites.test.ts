import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import nodemailer, { type Transporter } from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { queueEventMail } from "@/lib/events/emails";
import { deliverPendingMail } from "@/lib/mail";
import { buildInviteAttachment } from "./invites";
import { inviteEvent, onlyEvent, ORGANIZER_EMAIL, paramOf, parseCalendar, textOf, useCalendarEnv } from "./test-helpers";

const database = useTestDatabase();
useCalendarEnv();

const recipient = { email: "priya.raman@hhs.gov", name: "Priya Raman", timeZone: "America/Chicago", inviteEmails: true };
const received: string[] = [];
let server: SMTPServer;
let transport: Transporter;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push(Buffer.concat(chunks).toString("utf8"));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
});

afterAll(async () => {
  transport?.close();
  await new Promise<void>((resolve) => (server ? server.close(resolve) : resolve()));
});

describe("buildInviteAttachment", () => {
  it("returns the outbox attachment for a REQUEST or CANCEL", () => {
    const event = inviteEvent();
    const request = buildInviteAttachment({ event, attendee: recipient, method: "REQUEST" });
    expect(request).toMatchObject({ method: "REQUEST", filename: "invite.ics" });
    expect(textOf(parseCalendar(request!.content), "method")).toBe("REQUEST");

    const cancel = buildInviteAttachment({ event: { ...event, sequence: 1 }, attendee: recipient, method: "CANCEL" });
    const cancelled = parseCalendar(cancel!.content);
    expect(textOf(cancelled, "method")).toBe("CANCEL");
    expect(textOf(onlyEvent(cancelled), "status")).toBe("CANCELLED");
    expect(textOf(onlyEvent(cancelled), "sequence")).toBe("1");
  });

  it("gives up the attachment, not the mail, when the calendar cannot be built", () => {
    const quiet = console.error;
    console.error = () => {};
    try {
      expect(buildInviteAttachment({ event: inviteEvent(), attendee: { email: "not an address", name: null }, method: "REQUEST" })).toBeUndefined();
    } finally {
      console.error = quiet;
    }
  });

  it("never emails a PUBLISH", () => {
    const method = "PUBLISH" as unknown as "REQUEST";
    expect(() => buildInviteAttachment({ event: inviteEvent(), attendee: recipient, method })).toThrow(/REQUEST or CANCEL/);
  });
});

describe("an RSVP confirmation, end to end through SMTP", () => {
  it("arrives as text/calendar; method=REQUEST with an .ics attachment naming the attendee", async () => {
    const event = inviteEvent({ title: "Crisis comms tabletop: Señales & rumors" });
    await queueEventMail(database.db, { kind: "rsvp_confirmed", event, recipient });
    const [queued] = await database.db.select().from(outbox);
    expect(queued?.calendar?.method).toBe("REQUEST");

    expect(await deliverPendingMail({ transport, from: `Convene <${ORGANIZER_EMAIL}>`, db: database.db })).toEqual({
      sent: 1,
      retried: 0,
      failed: 0,
    });
    expect(received).toHaveLength(1);
    const raw = received[0]!;
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8;\s+method=REQUEST/);
    expect(raw).toMatch(/Content-Type: application\/ics; name=invite\.ics/);
    expect(raw).toMatch(/Content-Disposition: attachment; filename=invite\.ics/);

    const mail = await simpleParser(raw);
    const attachment = mail.attachments.find((item) => item.filename === "invite.ics");
    expect(attachment).toBeDefined();
    const calendar = parseCalendar(attachment!.content.toString("utf8"));
    expect(textOf(calendar, "method")).toBe("REQUEST");
    const vevent = onlyEvent(calendar);
    expect(textOf(vevent, "uid")).toBe(`${event.id}@convene`);
    expect(textOf(vevent, "summary")).toBe(event.title);
    expect(textOf(vevent, "attendee")).toBe("mailto:priya.raman@hhs.gov");
    expect(paramOf(vevent, "attendee", "cn")).toBe("Priya Raman");
    expect(textOf(vevent, "organizer")?.toLowerCase()).toBe(`mailto:${ORGANIZER_EMAIL}`);
    expect(textOf(vevent, "description")).toContain(event.joinUrl!);
    expect(mail.text).toContain("A calendar invitation is attached.");
  });
});
