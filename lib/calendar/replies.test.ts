import { and, asc, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, outbox, rsvps, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { resetEnvForTests } from "@/lib/env";
import { rsvpToEvent } from "@/lib/events/rsvp";
import { createEvent, createMembers, viewerOf } from "@/test/factories";
import { replyMessage, type ReplyFields } from "@/test/itip-reply";
import { eventUid } from "./ics";
import { AUDIT_ACTION, handleCalendarReply, refuseRecipient } from "./replies";
import { replyAddress } from "./reply-address";
import { useCalendarEnv } from "./test-helpers";

const database = useTestDatabase();
useCalendarEnv();
beforeAll(() => {
  process.env.AUTH_SECRET = "replies-test-secret-".padEnd(43, "x");
  resetEnvForTests();
});
afterEach(() => vi.restoreAllMocks());

type Member = Awaited<ReturnType<typeof createMembers>>[number];

async function rsvpOf(eventId: string, userId: string) {
  const [row] = await database.db
    .select()
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId)));
  return row!;
}

async function mailsTo(email: string) {
  return database.db.select({ kind: outbox.kind, calendar: outbox.calendar }).from(outbox).where(eq(outbox.to, email)).orderBy(asc(outbox.id));
}

/** A full one-seat event: `going` holds the seat, `waiting` is first in line. */
async function fullEvent() {
  const event = await createEvent(database.db, { capacity: 1 });
  const [going, waiting, other] = (await createMembers(database.db, 3)) as [Member, Member, Member];
  await rsvpToEvent(viewerOf(going), { eventId: event.id });
  await rsvpToEvent(viewerOf(waiting), { eventId: event.id });
  // They RSVPed an hour ago, in their queue order; the replies below are written now.
  await database.db
    .update(rsvps)
    .set({ queuedAt: sql`${rsvps.queuedAt} - interval '1 hour'` })
    .where(eq(rsvps.eventId, event.id));
  const seat = await rsvpOf(event.id, going.id);
  return { event, going, waiting, other, seat, address: replyAddress(seat.id) };
}

function reply(overrides: Partial<ReplyFields> & { uid: string; organizer: string; attendee: string }, extra: { asAttachment?: boolean } = {}) {
  return replyMessage({ partstat: "DECLINED", ...overrides, ...extra });
}

describe("calendar replies", () => {
  it("DECLINED cancels the RSVP, gives the seat to the first person waiting with their invite, and is audited", async () => {
    const { event, going, waiting, seat, address } = await fullEvent();
    const message = await reply({ uid: eventUid(event.id), organizer: address, attendee: going.email.toUpperCase() });

    expect(await handleCalendarReply({ message, recipient: address })).toEqual({ outcome: "declined", rsvpId: seat.id, eventId: event.id });
    expect((await rsvpOf(event.id, going.id)).status).toBe("cancelled");
    expect((await rsvpOf(event.id, waiting.id)).status).toBe("going");
    expect((await mailsTo(waiting.email)).map((mail) => [mail.kind, mail.calendar?.method ?? null])).toEqual([
      ["rsvp_waitlisted", null],
      ["rsvp_promoted", "REQUEST"],
    ]);
    expect((await mailsTo(going.email)).map((mail) => mail.kind)).toEqual(["rsvp_confirmed", "rsvp_cancelled"]);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, AUDIT_ACTION));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: going.id, targetType: "event", targetId: event.id, detail: { rsvpId: seat.id, via: "calendar reply" } });
  });

  it("is harmless when delivered again, and a decline older than a new RSVP does not undo it", async () => {
    const { event, going, waiting, other, seat, address } = await fullEvent();
    const writtenAt = new Date(Date.now() - 30 * 60_000);
    const message = await reply({ uid: eventUid(event.id), organizer: address, attendee: going.email, dtstamp: writtenAt });
    expect((await handleCalendarReply({ message, recipient: address })).outcome).toBe("declined");
    const mailsBefore = (await database.db.select().from(outbox)).length;

    expect(await handleCalendarReply({ message, recipient: address })).toMatchObject({ outcome: "unchanged", reason: "the RSVP was already cancelled" });
    expect((await database.db.select().from(outbox)).length).toBe(mailsBefore);
    expect((await rsvpOf(event.id, waiting.id)).status).toBe("going");

    // The member comes back (now on the waitlist); the relay delivers the old decline once more.
    await rsvpToEvent(viewerOf(going), { eventId: event.id });
    await rsvpToEvent(viewerOf(other), { eventId: event.id });
    expect(await handleCalendarReply({ message, recipient: address })).toMatchObject({
      outcome: "unchanged",
      reason: "the decline is older than the member's latest RSVP",
    });
    expect((await rsvpOf(event.id, going.id)).status).toBe("waitlisted");
    expect((await database.db.select().from(auditLog).where(eq(auditLog.targetId, event.id))).filter((row) => row.action === AUDIT_ACTION)).toHaveLength(1);
    expect(seat.id).toBe((await rsvpOf(event.id, going.id)).id);
  });

  it("ACCEPTED from someone waitlisted, and ACCEPTED or TENTATIVE from someone going, change nothing", async () => {
    const { event, going, waiting, seat, address } = await fullEvent();
    const waitingAddress = replyAddress((await rsvpOf(event.id, waiting.id)).id);
    const accepted = await reply({ uid: eventUid(event.id), organizer: waitingAddress, attendee: waiting.email, partstat: "ACCEPTED" });
    expect(await handleCalendarReply({ message: accepted, recipient: waitingAddress })).toMatchObject({ outcome: "unchanged" });
    expect((await rsvpOf(event.id, waiting.id)).status).toBe("waitlisted");

    for (const partstat of ["ACCEPTED", "TENTATIVE"]) {
      const message = await reply({ uid: eventUid(event.id), organizer: address, attendee: going.email, partstat });
      expect(await handleCalendarReply({ message, recipient: address })).toMatchObject({ outcome: "unchanged", rsvpId: seat.id });
    }
    expect((await rsvpOf(event.id, going.id)).status).toBe("going");
    expect((await mailsTo(going.email)).map((mail) => mail.kind)).toEqual(["rsvp_confirmed"]);
  });

  it("ignores and logs any other answer and any message without an iTIP REPLY", async () => {
    const { event, going, address } = await fullEvent();
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const delegated = await reply({ uid: eventUid(event.id), organizer: address, attendee: going.email, partstat: "DELEGATED" });
    expect(await handleCalendarReply({ message: delegated, recipient: address })).toMatchObject({
      outcome: "ignored",
      reason: "PARTSTAT DELEGATED is not acted on",
    });
    const request = await reply({ uid: eventUid(event.id), organizer: address, attendee: going.email, method: "REQUEST" });
    expect(await handleCalendarReply({ message: request, recipient: address })).toMatchObject({
      outcome: "ignored",
      reason: "the message holds no iTIP REPLY",
    });
    const prose = `From: ${going.email}\r\nTo: ${address}\r\nSubject: Re: invitation\r\n\r\nSorry, I can't make it.\r\n`;
    expect(await handleCalendarReply({ message: prose, recipient: address })).toMatchObject({ outcome: "ignored" });
    expect(info.mock.calls.map(([line]) => String(line))).toEqual([
      expect.stringMatching(/calendar reply ignored .*PARTSTAT DELEGATED/),
      expect.stringMatching(/calendar reply ignored .*no iTIP REPLY/),
      expect.stringMatching(/calendar reply ignored .*no iTIP REPLY/),
    ]);
    expect((await rsvpOf(event.id, going.id)).status).toBe("going");
  });

  it("reads the REPLY from an .ics attachment, and takes the address from ORGANIZER when there is no envelope recipient", async () => {
    const { event, going, waiting, address } = await fullEvent();
    const message = await reply({ uid: eventUid(event.id), organizer: address, attendee: going.email }, { asAttachment: true });
    expect((await handleCalendarReply({ message })).outcome).toBe("declined");
    expect((await rsvpOf(event.id, waiting.id)).status).toBe("going");
  });

  it("refuses forged or revoked addresses, someone else's ATTENDEE and another event's UID", async () => {
    const { event, going, other, address } = await fullEvent();
    const uid = eventUid(event.id);
    const [local, domain] = address.split("@") as [string, string];
    const forged = `${local.slice(0, -1)}${local.endsWith("0") ? "1" : "0"}@${domain}`;
    const cases: [string, Promise<Buffer>, string | null][] = [
      ["forged envelope", reply({ uid, organizer: address, attendee: going.email }), forged],
      ["forged ORGANIZER", reply({ uid, organizer: forged, attendee: going.email }), null],
      ["someone else's answer", reply({ uid, organizer: address, attendee: other.email }), address],
      ["another event", reply({ uid: eventUid((await createEvent(database.db)).id), organizer: address, attendee: going.email }), address],
    ];
    for (const [label, message, recipient] of cases) {
      expect((await handleCalendarReply({ message: await message, recipient })).outcome, label).toBe("refused");
    }
    expect(await refuseRecipient(forged)).toBe("not a calendar reply address of this site");
    expect(await refuseRecipient(address)).toBeNull();

    // Disabling the member revokes the address.
    await database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, going.id));
    expect(await refuseRecipient(address)).toBe("this reply address is no longer valid");
    const message = await reply({ uid, organizer: address, attendee: going.email });
    expect((await handleCalendarReply({ message, recipient: address })).outcome).toBe("refused");
    expect((await rsvpOf(event.id, going.id)).status).toBe("going");
  });
});
