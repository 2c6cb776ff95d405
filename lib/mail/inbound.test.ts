import { Readable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rsvps } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { eventUid } from "@/lib/calendar/ics";
import { replyAddress } from "@/lib/calendar/reply-address";
import { useCalendarEnv } from "@/lib/calendar/test-helpers";
import { resetEnvForTests } from "@/lib/env";
import { rsvpToEvent } from "@/lib/events/rsvp";
import { createEvent, createMembers, viewerOf } from "@/test/factories";
import { replyMessage } from "@/test/itip-reply";
import { listenAddress, startMailReceiver } from "./inbound";
import { EXIT, pipeRecipient, receivePipedMessage } from "./inbound-pipe";

const database = useTestDatabase();
useCalendarEnv();
const MAX_BYTES = 64 * 1024;
let smtp: Awaited<ReturnType<typeof startMailReceiver>>;
let lmtp: Awaited<ReturnType<typeof startMailReceiver>>;

beforeAll(async () => {
  process.env.AUTH_SECRET = "inbound-test-secret-".padEnd(43, "x");
  resetEnvForTests();
  vi.spyOn(console, "info").mockImplementation(() => {});
  smtp = await startMailReceiver({ host: "127.0.0.1", port: 0, maxBytes: MAX_BYTES });
  lmtp = await startMailReceiver({ host: "127.0.0.1", port: 0, lmtp: true, maxBytes: MAX_BYTES });
});
afterAll(async () => {
  await smtp?.close();
  await lmtp?.close();
  vi.restoreAllMocks();
});

async function statusOf(eventId: string, userId: string) {
  const [row] = await database.db
    .select()
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId)));
  return row!;
}

async function fullEvent() {
  const event = await createEvent(database.db, { capacity: 1 });
  const [going, waiting] = await createMembers(database.db, 2);
  await rsvpToEvent(viewerOf(going!), { eventId: event.id });
  await rsvpToEvent(viewerOf(waiting!), { eventId: event.id });
  await database.db
    .update(rsvps)
    .set({ queuedAt: sql`${rsvps.queuedAt} - interval '1 hour'` })
    .where(eq(rsvps.eventId, event.id));
  const address = replyAddress((await statusOf(event.id, going!.id)).id);
  const decline = await replyMessage({ uid: eventUid(event.id), organizer: address, attendee: going!.email, partstat: "DECLINED" });
  return { event, going: going!, waiting: waiting!, address, decline };
}

function send(port: number, to: string[], raw: Buffer | string, options: { lmtp?: boolean } = {}) {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, lmtp: options.lmtp });
  return transport.sendMail({ envelope: { from: "member@agency.gov", to }, raw });
}

describe("the mail receiver over SMTP", () => {
  it("takes a DECLINED for a reply address and frees the seat for the first person waiting", async () => {
    const { event, going, waiting, address, decline } = await fullEvent();
    const info = await send(smtp.port, [address], decline);
    expect(info.accepted).toEqual([address]);
    expect(info.response).toMatch(/^250 /);
    expect((await statusOf(event.id, going.id)).status).toBe("cancelled");
    expect((await statusOf(event.id, waiting.id)).status).toBe("going");
  });

  it("refuses at RCPT TO with 550 an address that is not a valid reply address", async () => {
    const { event, going, address, decline } = await fullEvent();
    const forged = address.replace(/^rsvp\+./, (prefix) => `rsvp+${prefix.endsWith("0") ? "1" : "0"}`);
    for (const to of [forged, "postmaster@convene.example.gov"]) {
      const error = await send(smtp.port, [to], decline).then(
        () => null,
        (failure: { responseCode?: number }) => failure,
      );
      expect(error?.responseCode, to).toBe(550);
    }
    expect((await statusOf(event.id, going.id)).status).toBe("going");
  });

  it("refuses with 550 a reply the address does not allow, and with 552 a message over the size limit", async () => {
    const { event, going, address } = await fullEvent();
    const someoneElse = await replyMessage({ uid: eventUid(event.id), organizer: address, attendee: "other@agency.gov", partstat: "DECLINED" });
    const refused = await send(smtp.port, [address], someoneElse).then(
      () => null,
      (failure: { responseCode?: number; response?: string }) => failure,
    );
    expect(refused?.responseCode).toBe(550);
    expect(refused?.response).toMatch(/not from the member/);

    // nodemailer does not know a raw message's size ahead, so it sends it all, as a careless client would.
    const huge = `Subject: big\r\n\r\n${"x".repeat(MAX_BYTES + 10)}\r\n`;
    const tooBig = await send(smtp.port, [address], huge).then(
      () => null,
      (failure: { responseCode?: number }) => failure,
    );
    expect(tooBig?.responseCode).toBe(552);
    expect((await statusOf(event.id, going.id)).status).toBe("going");
  });
});

describe("the mail receiver over LMTP", () => {
  it("answers for each recipient: the decline is taken for its member's address and refused for another member's", async () => {
    const { event, going, waiting, address, decline } = await fullEvent();
    const waitingAddress = replyAddress((await statusOf(event.id, waiting.id)).id);
    const info = await send(lmtp.port, [address, waitingAddress], decline, { lmtp: true });
    expect(info.accepted).toEqual([address]);
    expect(info.rejected).toEqual([waitingAddress]);
    expect((await statusOf(event.id, going.id)).status).toBe("cancelled");
    expect((await statusOf(event.id, waiting.id)).status).toBe("going");
  });
});

describe("pipe mode", () => {
  it("acts on one message from standard input and answers with a sysexits code", async () => {
    const { event, going, waiting, address, decline } = await fullEvent();
    expect(await receivePipedMessage(Readable.from([decline]), { recipient: `${address.slice(0, -3)}xyz`, maxBytes: MAX_BYTES })).toBe(EXIT.noPermission);
    expect(await receivePipedMessage(Readable.from([Buffer.alloc(MAX_BYTES + 1, 120)]), { recipient: address, maxBytes: MAX_BYTES })).toBe(EXIT.dataError);
    expect((await statusOf(event.id, going.id)).status).toBe("going");
    expect(await receivePipedMessage(Readable.from([decline]), { recipient: address, maxBytes: MAX_BYTES })).toBe(EXIT.ok);
    expect((await statusOf(event.id, waiting.id)).status).toBe("going");
  });

  it("takes the recipient from the argument, else from what Postfix's local(8) exports", () => {
    expect(pipeRecipient("a@x.gov", { RECIPIENT: "b@x.gov" })).toBe("a@x.gov");
    expect(pipeRecipient(undefined, { ORIGINAL_RECIPIENT: "c@x.gov", RECIPIENT: "b@x.gov" })).toBe("c@x.gov");
    expect(pipeRecipient(undefined, {})).toBeNull();
  });

  it("reads MAIL_IN_URL as protocol, host and port", () => {
    expect(listenAddress(undefined)).toEqual({ host: "127.0.0.1", port: 2525, lmtp: false });
    expect(listenAddress("lmtp://[::1]:2424")).toEqual({ host: "::1", port: 2424, lmtp: true });
  });
});
