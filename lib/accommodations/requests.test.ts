import { and, asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { accommodationRequests, auditLog, housekeepingRuns, outbox, rsvps } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { cancelRsvp, releaseSeatsOfLeavingMember, rsvpToEvent } from "@/lib/events/rsvp";
import { runDailyHousekeeping } from "@/lib/housekeeping";
import { clearTables, createEvent, createMember, viewerOf } from "@/test/factories";
import { expectAppError } from "@/test/fixtures";
import { NOTHING_ASKED } from "./request-schema";
import {
  accommodationDeadline,
  answerAccommodationRequest,
  getOwnAccommodationRequest,
  listEventAccommodationRequests,
  NOT_YOURS,
  purgeExpiredAccommodationRequests,
  saveAccommodationRequest,
  withdrawAccommodationRequest,
} from "./requests";
import { LATE_NOTE } from "./vocabulary";

vi.mock("next/cache", () => import("@/test/fixtures").then((fixtures) => fixtures.nextCacheStub));

const database = useTestDatabase();
const db = () => database.db;
const DAY = 24 * 3600_000;

beforeEach(async () => {
  await clearTables(db(), accommodationRequests, auditLog, outbox, housekeepingRuns);
});

/** An event created by its own organizer, a member going to it, and the people around them. */
async function scene({ startsInDays = 14 } = {}) {
  const organizer = await createMember(db(), { role: "organizer" });
  const event = await createEvent(db(), { createdBy: organizer.id, startsAt: new Date(Date.now() + startsInDays * DAY) });
  const member = await createMember(db());
  await rsvpToEvent(viewerOf(member), { eventId: event.id });
  return { organizer, event, member, viewer: viewerOf(member) };
}

async function auditActions(targetId: string) {
  const rows = await db().select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(asc(auditLog.id));
  return rows.map((row) => row.action);
}

async function mailTo(email: string, kind = "accommodation-request") {
  return db()
    .select()
    .from(outbox)
    .where(and(eq(outbox.to, email), eq(outbox.kind, kind)));
}

describe("a member's accommodation request", () => {
  it("is saved with their RSVP, mails the event's organizer once, and is audited", async () => {
    const { organizer, event, member, viewer } = await scene();
    const first = await saveAccommodationRequest(viewer, { eventId: event.id, needs: ["cart"], other: "" });
    expect(first).toMatchObject({ created: true, changed: true, request: { needs: ["cart"], other: null, status: "received", late: false } });
    // Asking again the same changes nothing; changing it sends no second email.
    expect(await saveAccommodationRequest(viewer, { eventId: event.id, needs: ["cart"], other: "" })).toMatchObject({ created: false, changed: false });
    await saveAccommodationRequest(viewer, { eventId: event.id, needs: ["cart", "asl"], other: "Seat near the interpreter" });

    const mail = await mailTo(organizer.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`Accommodation request: ${event.title}`);
    expect(mail[0]!.text).toContain(`/manage/events/${event.id}`);
    // What was asked stays out of the mail (and so out of the outbox and the dev mailbox).
    expect(mail[0]!.text).not.toContain("CART");
    expect(mail[0]!.text).not.toContain("interpreter");
    expect(await mailTo(member.email)).toHaveLength(0);

    expect(await auditActions(first.request.id)).toEqual(["accommodation.requested", "accommodation.changed"]);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, "accommodation.changed"));
    expect(JSON.stringify(audit!.detail)).not.toContain("interpreter");
    expect(await getOwnAccommodationRequest(viewer, event.id)).toMatchObject({ needs: ["cart", "asl"], other: "Seat near the interpreter" });
  });

  it("mails every admin when the event's creator is gone or no longer an organizer", async () => {
    const admin = await createMember(db(), { role: "admin" });
    const event = await createEvent(db(), { createdBy: null });
    const member = await createMember(db());
    await rsvpToEvent(viewerOf(member), { eventId: event.id });
    await saveAccommodationRequest(viewerOf(member), { eventId: event.id, needs: ["large_print"], other: "" });
    expect(await mailTo(admin.email)).toHaveLength(1);
  });

  it("needs an RSVP held, a published event still to start, and a joined member", async () => {
    const { event } = await scene();
    const stranger = await createMember(db());
    const refused = await expectAppError(saveAccommodationRequest(viewerOf(stranger), { eventId: event.id, needs: ["cart"], other: "" }), "conflict");
    expect(refused.message).toBe("RSVP to this event first, then ask for an accommodation.");
    await expectAppError(saveAccommodationRequest(null, { eventId: event.id, needs: ["cart"], other: "" }), "unauthenticated");
    const notJoined = await createMember(db(), { guidelinesAcceptedAt: null });
    await expectAppError(saveAccommodationRequest(viewerOf(notJoined), { eventId: event.id, needs: ["cart"], other: "" }), "forbidden");
    const draft = await createEvent(db(), { status: "draft", publishedAt: null });
    await expectAppError(saveAccommodationRequest(viewerOf(stranger), { eventId: draft.id, needs: ["cart"], other: "" }), "not_found");
    await expectAppError(saveAccommodationRequest(viewerOf(stranger), { eventId: "not-a-uuid", needs: ["cart"], other: "" }), "not_found");
    expect(await db().select().from(accommodationRequests)).toEqual([]);
  });

  it("refuses bounded and odd input with clear messages, and writes nothing", async () => {
    const { event, viewer } = await scene();
    const cases: [unknown, string][] = [
      [{ needs: [], other: "" }, NOTHING_ASKED],
      [{ needs: [], other: "   " }, NOTHING_ASKED],
      [{ needs: ["cart"], other: "x".repeat(501) }, "Keep what you need to 500 characters or fewer."],
      [{ needs: ["cart"], other: "hidden\u0007bell" }, "Remove control characters from what you need."],
      [{ needs: ["telepathy"], other: "" }, "Choose accommodations from the list."],
      [{ needs: ["cart", "cart"], other: "" }, "Choose each accommodation once."],
    ];
    for (const [input, message] of cases) {
      const error = await expectAppError(saveAccommodationRequest(viewer, { eventId: event.id, ...(input as { needs: []; other: string }) }), "invalid");
      expect(error.message, JSON.stringify(input)).toBe(message);
    }
    // 500 characters with line breaks is fine, trimmed.
    const ok = await saveAccommodationRequest(viewer, { eventId: event.id, needs: [], other: ` ${"a\n".repeat(250)}`.slice(0, 500) + " " });
    expect(ok.request.other!.length).toBeLessThanOrEqual(500);
    expect(await db().select().from(accommodationRequests)).toHaveLength(1);
  });

  it("after the deadline still goes through, marked late for the member and the organizer", async () => {
    const { organizer, event, viewer } = await scene({ startsInDays: 2 });
    expect(accommodationDeadline(event.startsAt).getTime()).toBe(event.startsAt.getTime() - 5 * DAY);
    const { request } = await saveAccommodationRequest(viewer, { eventId: event.id, needs: ["asl"], other: "" });
    expect(request.late).toBe(true);
    expect((await getOwnAccommodationRequest(viewer, event.id))?.late).toBe(true);
    const list = await listEventAccommodationRequests(viewerOf(organizer), event.id);
    expect(list.visible && list.requests[0]?.late).toBe(true);
    expect((await mailTo(organizer.email))[0]!.text).toContain(LATE_NOTE);
  });

  it("is withdrawn with the RSVP, in the cancel's transaction, and by account deletion's release", async () => {
    const { event, viewer, member } = await scene();
    const { request } = await saveAccommodationRequest(viewer, { eventId: event.id, needs: ["cart"], other: "" });
    await cancelRsvp(viewer, { eventId: event.id });
    expect(await getOwnAccommodationRequest(viewer, event.id)).toBeNull();
    expect(await auditActions(request.id)).toEqual(["accommodation.requested", "accommodation.withdrawn"]);

    await rsvpToEvent(viewer, { eventId: event.id });
    await saveAccommodationRequest(viewer, { eventId: event.id, needs: ["cart"], other: "" });
    await db().transaction(async (tx) => {
      await releaseSeatsOfLeavingMember(tx, member.id);
    });
    expect(await db().select().from(accommodationRequests)).toEqual([]);
    expect((await db().select().from(rsvps).where(eq(rsvps.userId, member.id)))[0]!.status).toBe("cancelled");
  });

  it("can be withdrawn by the member alone, keeping the RSVP", async () => {
    const { event, viewer } = await scene();
    await saveAccommodationRequest(viewer, { eventId: event.id, needs: ["cart"], other: "" });
    expect(await withdrawAccommodationRequest(viewer, { eventId: event.id })).toEqual({ changed: true });
    expect(await withdrawAccommodationRequest(viewer, { eventId: event.id })).toEqual({ changed: false });
    expect((await db().select().from(rsvps).where(eq(rsvps.eventId, event.id)))[0]!.status).toBe("going");
  });
});

describe("who sees and answers an event's requests", () => {
  it("the event's organizer and admins see them, each view audited; other organizers see nothing and leave no record", async () => {
    const { organizer, event, viewer, member } = await scene();
    const { request } = await saveAccommodationRequest(viewer, { eventId: event.id, needs: ["cart"], other: "Front row" });
    const admin = await createMember(db(), { role: "admin" });
    const otherOrganizer = await createMember(db(), { role: "organizer" });

    const mine = await listEventAccommodationRequests(viewerOf(organizer), event.id);
    expect(mine).toMatchObject({
      visible: true,
      requests: [{ id: request.id, needs: ["cart"], other: "Front row", memberEmail: member.email, rsvpStatus: "going" }],
    });
    expect((await listEventAccommodationRequests(viewerOf(admin), event.id)).visible).toBe(true);
    expect(await listEventAccommodationRequests(viewerOf(otherOrganizer), event.id)).toEqual({ visible: false });

    const views = await db().select().from(auditLog).where(eq(auditLog.action, "accommodation.viewed")).orderBy(asc(auditLog.id));
    expect(views.map((row) => [row.actorId, row.targetId, row.detail])).toEqual([
      [organizer.id, event.id, { requests: [request.id] }],
      [admin.id, event.id, { requests: [request.id] }],
    ]);
    await expectAppError(listEventAccommodationRequests(viewer, event.id), "forbidden");
    await expectAppError(listEventAccommodationRequests(null, event.id), "unauthenticated");
  });

  it("the organizer's answer is what the member sees, audited; other members, other organizers and visitors are refused", async () => {
    const { organizer, event, viewer } = await scene();
    const { request } = await saveAccommodationRequest(viewer, { eventId: event.id, needs: ["cart"], other: "" });
    const otherMember = await createMember(db());
    const otherOrganizer = await createMember(db(), { role: "organizer" });
    const answer = { requestId: request.id, status: "arranged" as const, note: "A captioner is booked." };

    await expectAppError(answerAccommodationRequest(null, answer), "unauthenticated");
    await expectAppError(answerAccommodationRequest(viewerOf(otherMember), answer), "forbidden");
    await expectAppError(answerAccommodationRequest(viewer, answer), "forbidden");
    const refused = await expectAppError(answerAccommodationRequest(viewerOf(otherOrganizer), answer), "forbidden");
    expect(refused.message).toBe(NOT_YOURS);
    expect((await getOwnAccommodationRequest(viewer, event.id))?.status).toBe("received");

    await answerAccommodationRequest(viewerOf(organizer), answer);
    expect(await getOwnAccommodationRequest(viewer, event.id)).toMatchObject({ status: "arranged", organizerNote: "A captioner is booked." });
    expect(await auditActions(request.id)).toEqual(["accommodation.requested", "accommodation.answered"]);

    // Another member's view of the event shows them nothing of it.
    expect(await getOwnAccommodationRequest(viewerOf(otherMember), event.id)).toBeNull();
    expect(await getOwnAccommodationRequest(null, event.id)).toBeNull();

    await expectAppError(answerAccommodationRequest(viewerOf(organizer), { ...answer, note: "n".repeat(501) }), "invalid");
    await expectAppError(answerAccommodationRequest(viewerOf(organizer), { ...answer, status: "maybe" as never }), "invalid");
    await expectAppError(answerAccommodationRequest(viewerOf(organizer), { ...answer, requestId: crypto.randomUUID() }), "not_found");
  });

  it("a member changing what they asked for puts an answered request back to received", async () => {
    const { organizer, event, viewer } = await scene();
    const { request } = await saveAccommodationRequest(viewer, { eventId: event.id, needs: ["cart"], other: "" });
    await answerAccommodationRequest(viewerOf(organizer), { requestId: request.id, status: "arranged", note: "Booked." });
    const changed = await saveAccommodationRequest(viewer, { eventId: event.id, needs: ["cart", "asl"], other: "" });
    expect(changed.request).toMatchObject({ status: "received", organizerNote: "Booked." });
  });
});

describe("retention", () => {
  it("removes requests a set time after the event ends, from daily housekeeping", async () => {
    const { event, viewer } = await scene();
    await saveAccommodationRequest(viewer, { eventId: event.id, needs: ["cart"], other: "" });
    const ends = event.endsAt.getTime();
    expect(await purgeExpiredAccommodationRequests(db(), new Date(ends + 29 * DAY), 30)).toBe(0);
    expect(await db().select().from(accommodationRequests)).toHaveLength(1);
    const result = await runDailyHousekeeping({ now: new Date(ends + 31 * DAY) });
    expect(result).toMatchObject({ ran: true, removed: { accommodationRequests: 1 } });
    expect(await db().select().from(accommodationRequests)).toEqual([]);
  });
});
