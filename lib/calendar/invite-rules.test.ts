import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { cancelEvent, updateEvent } from "@/lib/events/manage";
import { cancelRsvp, rsvpToEvent } from "@/lib/events/rsvp";
import { sendDueNotifications } from "@/lib/notifications/send";
import { createEvent, createMember, eventInputOf, viewerOf } from "@/test/factories";
import { readInvite, useCalendarEnv } from "./test-helpers";

const database = useTestDatabase();
useCalendarEnv();

const HOUR = 3600_000;
const QUIET = 2 * 60_000; // UPDATE_QUIET_MS, written out so this file also runs against the code before it

type Event = Awaited<ReturnType<typeof createEvent>>;

async function calendarParts(email: string) {
  const rows = await database.db.select().from(outbox).where(eq(outbox.to, email)).orderBy(asc(outbox.id));
  return rows.map((row) => {
    const invite = row.calendar ? readInvite(row.calendar.content) : null;
    return { kind: row.kind, part: invite ? `${invite.method} ${invite.sequence}` : null, invite };
  });
}

async function setup(overrides: Partial<Event> = {}) {
  const now = new Date("2026-05-04T12:00:00Z");
  const startsAt = new Date("2026-05-14T17:00:00Z");
  const event = await createEvent(database.db, { startsAt, endsAt: new Date(startsAt.getTime() + HOUR), ...overrides });
  const organizer = viewerOf(await createMember(database.db, { role: "organizer" }));
  return { now, event, organizer };
}

describe("who has an invite (item 1)", () => {
  it("gives an opted-out member no calendar part at all, reminders included", async () => {
    const { now, event } = await setup();
    const member = await createMember(database.db, { inviteEmails: false });
    await rsvpToEvent(viewerOf(member), { eventId: event.id }, now);
    await sendDueNotifications({ db: database.db, now: new Date(event.startsAt.getTime() - 24 * HOUR + 1000) });
    await sendDueNotifications({ db: database.db, now: new Date(event.startsAt.getTime() - HOUR + 1000) });
    expect((await calendarParts(member.email)).map((m) => [m.kind, m.part])).toEqual([
      ["rsvp_confirmed", null],
      ["reminder_day", null],
      ["reminder_hour", null],
    ]);
  });

  it("keeps sending the update and the CANCEL for an invite already on the calendar after invites are turned off", async () => {
    const { now, event, organizer } = await setup();
    const member = await createMember(database.db);
    await rsvpToEvent(viewerOf(member), { eventId: event.id }, now);
    await database.db.update(users).set({ inviteEmails: false }).where(eq(users.id, member.id));
    const later = new Date(event.startsAt.getTime() + HOUR);
    await updateEvent(organizer, event.id, eventInputOf(event, { startsAt: later, endsAt: new Date(later.getTime() + HOUR) }), now);
    await sendDueNotifications({ db: database.db, now: new Date(now.getTime() + QUIET + 1000) });
    await cancelEvent(organizer, event.id, { message: "Room lost." }, new Date(now.getTime() + QUIET + 2000));
    expect((await calendarParts(member.email)).map((m) => [m.kind, m.part])).toEqual([
      ["rsvp_confirmed", "REQUEST 0"],
      ["event_changed", "REQUEST 1"],
      ["event_cancelled", "CANCEL 2"],
    ]);
  });

  it("sends no CANCEL to waitlisted members, who never had an invite", async () => {
    const { now, event, organizer } = await setup({ capacity: 1 });
    const [first, second] = [await createMember(database.db), await createMember(database.db)];
    await rsvpToEvent(viewerOf(first), { eventId: event.id }, now);
    await rsvpToEvent(viewerOf(second), { eventId: event.id }, now);
    await cancelEvent(organizer, event.id, { message: "Room lost." }, now);
    expect((await calendarParts(second.email)).map((m) => [m.kind, m.part])).toEqual([
      ["rsvp_waitlisted", null],
      ["event_cancelled", null],
    ]);
    expect((await calendarParts(first.email)).map((m) => m.part)).toEqual(["REQUEST 0", "CANCEL 1"]);
  });
});

describe("SEQUENCE per attendee (item 2)", () => {
  it("raises it on the member's own CANCEL and again on their re-RSVP", async () => {
    const { now, event } = await setup();
    const member = await createMember(database.db);
    await rsvpToEvent(viewerOf(member), { eventId: event.id }, now);
    await cancelRsvp(viewerOf(member), { eventId: event.id }, now);
    await rsvpToEvent(viewerOf(member), { eventId: event.id }, now);
    const parts = await calendarParts(member.email);
    expect(parts.map((m) => m.part)).toEqual(["REQUEST 0", "CANCEL 1", "REQUEST 2"]);
    expect(new Set(parts.map((m) => m.invite!.uid)).size).toBe(1);
  });
});

describe("every change a calendar shows is sent (item 3)", () => {
  it("sends a title or summary edit to invite holders, three quick edits as one update", async () => {
    const { now, event, organizer } = await setup();
    const member = await createMember(database.db);
    await rsvpToEvent(viewerOf(member), { eventId: event.id }, now);
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    await updateEvent(organizer, event.id, eventInputOf(event, { title: "Plain Language, revised" }), at(10));
    await updateEvent(organizer, event.id, eventInputOf(event, { title: "Plain Language, revised", summary: "New agenda." }), at(40));
    await updateEvent(organizer, event.id, eventInputOf(event, { title: "Plain Language, final", summary: "New agenda." }), at(70));
    // Quiet for less than the period since the last save: nothing yet.
    await sendDueNotifications({ db: database.db, now: at(70 + QUIET / 1000 - 5) });
    expect((await calendarParts(member.email)).map((m) => m.kind)).toEqual(["rsvp_confirmed"]);
    await sendDueNotifications({ db: database.db, now: at(70 + QUIET / 1000 + 5) });
    await sendDueNotifications({ db: database.db, now: at(70 + QUIET / 1000 + 600) });
    const parts = await calendarParts(member.email);
    expect(parts.map((m) => [m.kind, m.part])).toEqual([
      ["rsvp_confirmed", "REQUEST 0"],
      ["event_changed", "REQUEST 3"],
    ]);
    expect(parts[1]!.invite).toMatchObject({ summary: "Plain Language, final" });
    expect(parts[1]!.invite!.description).toContain("New agenda.");
  });
});

describe("wording (item 7)", () => {
  it("says the member cancelled their RSVP, and carries the organizers' reason when they cancel the event", async () => {
    const { now, event, organizer } = await setup();
    const [leaver, stayer] = [await createMember(database.db), await createMember(database.db)];
    await rsvpToEvent(viewerOf(leaver), { eventId: event.id }, now);
    await rsvpToEvent(viewerOf(stayer), { eventId: event.id }, now);
    await cancelRsvp(viewerOf(leaver), { eventId: event.id }, now);
    const own = (await calendarParts(leaver.email)).at(-1)!.invite!;
    expect(own.method).toBe("CANCEL");
    expect(own.description).toMatch(/^You cancelled your RSVP\./);
    expect(own.description).not.toContain("This event has been cancelled");

    await cancelEvent(organizer, event.id, { message: "The speaker is ill; we will reschedule." }, now);
    const theirs = (await calendarParts(stayer.email)).at(-1)!.invite!;
    expect(theirs.description).toMatch(/^This event has been cancelled\./);
    expect(theirs.description).toContain("The speaker is ill; we will reschedule.");
  });
});
