import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { cancelEvent, updateEvent } from "@/lib/events/manage";
import { cancelRsvp, rsvpToEvent } from "@/lib/events/rsvp";
import { createEvent, createMember, eventInputOf, viewerOf } from "@/test/factories";
import { openPostgres } from "@/db";
import { sendDueNotifications } from "./send";
import { DAY, HOUR, mailKindsTo, mailTo, notificationsOf } from "./test-helpers";
import { updateNotificationPreferences } from "./preferences";

const database = useTestDatabase();
const reminderKinds = ["reminder_day", "reminder_hour"];

async function reminderMailsTo(email: string) {
  return (await mailKindsTo(database.db, email)).filter((kind) => reminderKinds.includes(kind));
}

/** An event `inHours` from `now`, with a member going (RSVPed at `now`). */
async function memberGoing(now: Date, inHours: number, overrides: Parameters<typeof createEvent>[1] = {}) {
  const event = await createEvent(database.db, { startsAt: new Date(now.getTime() + inHours * HOUR), ...overrides });
  const member = await createMember(database.db, { timeZone: "America/Los_Angeles" });
  await rsvpToEvent(viewerOf(member), { eventId: event.id }, now);
  return { event, member };
}

describe("reminders", () => {
  it("schedules the day-before and hour-before reminders and sends each once when due", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    const { event, member } = await memberGoing(now, 72);
    const planned = await notificationsOf(database.db, member.id);
    expect(planned.map((n) => [n.kind, n.dueAt.getTime()])).toEqual([
      ["reminder_day", event.startsAt.getTime() - DAY],
      ["reminder_hour", event.startsAt.getTime() - HOUR],
    ]);

    expect((await sendDueNotifications({ now: new Date(now.getTime() + 47 * HOUR) })).sent).toBe(0);
    const dayTime = new Date(event.startsAt.getTime() - DAY + 60_000);
    expect((await sendDueNotifications({ now: dayTime })).sent).toBeGreaterThanOrEqual(1);
    expect(await reminderMailsTo(member.email)).toEqual(["reminder_day"]);
    // Running again, or a retry, sends nothing more.
    await sendDueNotifications({ now: dayTime });
    await sendDueNotifications({ now: new Date(dayTime.getTime() + 1000) });
    expect(await reminderMailsTo(member.email)).toEqual(["reminder_day"]);

    await sendDueNotifications({ now: new Date(event.startsAt.getTime() - HOUR + 1000) });
    expect(await reminderMailsTo(member.email)).toEqual(["reminder_day", "reminder_hour"]);
    const rows = await notificationsOf(database.db, member.id);
    expect(rows.every((n) => n.status === "sent" && n.outboxId !== null)).toBe(true);
  });

  it("says when in the member's zone and in ET, with the join link, and carries no calendar invite", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    const { event, member } = await memberGoing(now, 30, { format: "virtual", joinUrl: "https://gsa.zoomgov.com/j/555" });
    await sendDueNotifications({ now: new Date(event.startsAt.getTime() - DAY) });
    const [mail] = (await mailTo(database.db, member.email)).filter((m) => m.kind === "reminder_day");
    expect(mail!.text).toMatch(/When: .* PT/);
    expect(mail!.text).toMatch(/Eastern Time: .* ET/);
    expect(mail!.text).toContain("Join online: https://gsa.zoomgov.com/j/555");
    expect(mail!.headers["List-Unsubscribe"]).toMatch(/^<http.*\/unsubscribe\/[\w-]+\.[\w-]+>$/);
    expect(mail!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    // Issue 15 items 1 and 7: a reminder re-sends no invite (an opted-out member would get one, and two reminders two).
    expect(mail!.calendar).toBeNull();
  });

  it("gives the location of an in-person event", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    const { event, member } = await memberGoing(now, 30, { format: "in_person", joinUrl: null, location: "1800 F St NW, Room 1200" });
    await sendDueNotifications({ now: new Date(event.startsAt.getTime() - DAY) });
    const [mail] = await mailTo(database.db, member.email).then((all) => all.filter((m) => m.kind === "reminder_day"));
    expect(mail!.text).toContain("Where: 1800 F St NW, Room 1200");
    expect(mail!.text).not.toContain("Join online");
  });

  it("honours each member's choice: none, day, hour or both", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    const event = await createEvent(database.db, { startsAt: new Date(now.getTime() + 72 * HOUR) });
    const expected = { none: [], day: ["reminder_day"], hour: ["reminder_hour"], both: ["reminder_day", "reminder_hour"] } as const;
    const members = {} as Record<keyof typeof expected, Awaited<ReturnType<typeof createMember>>>;
    for (const choice of Object.keys(expected) as (keyof typeof expected)[]) {
      const member = await createMember(database.db);
      members[choice] = member;
      // "none" and "day" change before the RSVP, "hour" and "both" after: either way the schedule follows.
      if (choice === "none" || choice === "day")
        await updateNotificationPreferences(viewerOf(member), { reminders: choice, followUpEmails: true, weeklyDigest: false }, now);
      await rsvpToEvent(viewerOf(member), { eventId: event.id }, now);
      if (choice === "hour") await updateNotificationPreferences(viewerOf(member), { reminders: choice, followUpEmails: true, weeklyDigest: false }, now);
    }
    await sendDueNotifications({ now: new Date(event.startsAt.getTime() - DAY) });
    await sendDueNotifications({ now: new Date(event.startsAt.getTime() - HOUR) });
    for (const choice of Object.keys(expected) as (keyof typeof expected)[]) {
      expect(await reminderMailsTo(members[choice].email), choice).toEqual(expected[choice]);
    }
  });

  it("skips a reminder turned off after it was scheduled", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    const { event, member } = await memberGoing(now, 72);
    // Changed behind the schedule's back (as an admin tool might): the send-time check still holds.
    await database.db.update(users).set({ reminderDayBefore: false }).where(eq(users.id, member.id));
    const result = await sendDueNotifications({ now: new Date(event.startsAt.getTime() - DAY) });
    expect(await reminderMailsTo(member.email)).toEqual([]);
    expect(result.skipped).toBeGreaterThanOrEqual(1);
  });

  it("does not remind people on the waitlist", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    const event = await createEvent(database.db, { startsAt: new Date(now.getTime() + 72 * HOUR), capacity: 1 });
    const going = await createMember(database.db);
    const waiting = await createMember(database.db);
    await rsvpToEvent(viewerOf(going), { eventId: event.id }, now);
    expect(await rsvpToEvent(viewerOf(waiting), { eventId: event.id }, now)).toMatchObject({ status: "waitlisted" });
    expect(await notificationsOf(database.db, waiting.id)).toEqual([]);
    await sendDueNotifications({ now: new Date(event.startsAt.getTime() - DAY) });
    await sendDueNotifications({ now: new Date(event.startsAt.getTime() - HOUR) });
    expect(await reminderMailsTo(waiting.email)).toEqual([]);
    expect(await reminderMailsTo(going.email)).toEqual(["reminder_day", "reminder_hour"]);
  });

  it("gives someone promoted after the day-before time only the hour-before reminder", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    const event = await createEvent(database.db, { startsAt: new Date(now.getTime() + 72 * HOUR), capacity: 1 });
    const going = await createMember(database.db);
    const waiting = await createMember(database.db);
    await rsvpToEvent(viewerOf(going), { eventId: event.id }, now);
    await rsvpToEvent(viewerOf(waiting), { eventId: event.id }, now);
    const afterDayReminder = new Date(event.startsAt.getTime() - 12 * HOUR);
    await sendDueNotifications({ now: new Date(event.startsAt.getTime() - DAY) });
    await cancelRsvp(viewerOf(going), { eventId: event.id }, afterDayReminder);
    await sendDueNotifications({ now: afterDayReminder });
    await sendDueNotifications({ now: new Date(event.startsAt.getTime() - HOUR) });
    expect(await reminderMailsTo(waiting.email)).toEqual(["reminder_hour"]);
    // The person who cancelled got the day-before one while going, and nothing after.
    expect(await reminderMailsTo(going.email)).toEqual(["reminder_day"]);
  });

  it("moves pending reminders when the event moves", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    const { event, member } = await memberGoing(now, 72);
    const organizer = await createMember(database.db, { role: "organizer" });
    const startsAt = new Date(event.startsAt.getTime() + 2 * DAY);
    await updateEvent(viewerOf(organizer), event.id, eventInputOf(event, { startsAt, endsAt: new Date(startsAt.getTime() + HOUR) }), now);
    const planned = (await notificationsOf(database.db, member.id)).filter((n) => n.kind !== "event_update");
    expect(planned.map((n) => [n.kind, n.dueAt.getTime(), n.status])).toEqual([
      ["reminder_day", startsAt.getTime() - DAY, "pending"],
      ["reminder_hour", startsAt.getTime() - HOUR, "pending"],
    ]);
    // Nothing goes at the old time; everything at the new one.
    await sendDueNotifications({ now: new Date(event.startsAt.getTime() - HOUR) });
    expect(await reminderMailsTo(member.email)).toEqual([]);
    await sendDueNotifications({ now: new Date(startsAt.getTime() - DAY) });
    await sendDueNotifications({ now: new Date(startsAt.getTime() - HOUR) });
    expect(await reminderMailsTo(member.email)).toEqual(["reminder_day", "reminder_hour"]);
  });

  it("reminds again for the new time when an event is postponed after a reminder went out", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    const { event, member } = await memberGoing(now, 72);
    const organizer = await createMember(database.db, { role: "organizer" });
    const daySent = new Date(event.startsAt.getTime() - DAY);
    await sendDueNotifications({ now: daySent });
    expect(await reminderMailsTo(member.email)).toEqual(["reminder_day"]);

    const startsAt = new Date(event.startsAt.getTime() + 7 * DAY);
    await updateEvent(viewerOf(organizer), event.id, eventInputOf(event, { startsAt, endsAt: new Date(startsAt.getTime() + HOUR) }), daySent);
    await sendDueNotifications({ now: new Date(event.startsAt.getTime() - HOUR) });
    expect(await reminderMailsTo(member.email)).toEqual(["reminder_day"]);
    await sendDueNotifications({ now: new Date(startsAt.getTime() - DAY) });
    await sendDueNotifications({ now: new Date(startsAt.getTime() - HOUR) });
    expect(await reminderMailsTo(member.email)).toEqual(["reminder_day", "reminder_day", "reminder_hour"]);
  });

  it("does not repeat a reminder when the event moves by a little after it went out", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    const { event, member } = await memberGoing(now, 72);
    const organizer = await createMember(database.db, { role: "organizer" });
    const hourSent = new Date(event.startsAt.getTime() - HOUR);
    await sendDueNotifications({ now: new Date(event.startsAt.getTime() - DAY) });
    await sendDueNotifications({ now: hourSent });
    // Fifteen minutes later, at 45 minutes before: the new hour-before time has passed too.
    const startsAt = new Date(event.startsAt.getTime() + 10 * 60_000);
    const movedAt = new Date(hourSent.getTime() + 15 * 60_000);
    await updateEvent(viewerOf(organizer), event.id, eventInputOf(event, { startsAt, endsAt: new Date(startsAt.getTime() + HOUR) }), movedAt);
    await sendDueNotifications({ now: new Date(movedAt.getTime() + 60_000) });
    expect(await reminderMailsTo(member.email)).toEqual(["reminder_day", "reminder_hour"]);
  });

  it("removes pending reminders when the event is cancelled", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    const { event, member } = await memberGoing(now, 72);
    const organizer = await createMember(database.db, { role: "organizer" });
    await cancelEvent(viewerOf(organizer), event.id, { message: "The speaker is ill." }, now);
    expect(await notificationsOf(database.db, member.id)).toEqual([]);
    await sendDueNotifications({ now: new Date(event.startsAt.getTime() - HOUR) });
    expect(await reminderMailsTo(member.email)).toEqual([]);
  });

  it("removes a member's pending reminders when they cancel their RSVP", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    const { event, member } = await memberGoing(now, 72);
    await cancelRsvp(viewerOf(member), { eventId: event.id }, now);
    expect(await notificationsOf(database.db, member.id)).toEqual([]);
  });
});

describe("reminders on PostgreSQL with several schedulers", () => {
  // PGlite runs one transaction at a time, so a race there would prove nothing.
  const onPostgres = () => database.driver === "postgres";

  it("two schedulers claiming at the same moment send each reminder once", async ({ skip }) => {
    if (!onPostgres()) skip("needs PostgreSQL (set DATABASE_URL)");
    const now = new Date("2026-03-02T12:00:00Z");
    const event = await createEvent(database.db, { startsAt: new Date(now.getTime() + 72 * HOUR) });
    const members = await Promise.all(Array.from({ length: 40 }, () => createMember(database.db)));
    for (const member of members) await rsvpToEvent(viewerOf(member), { eventId: event.id }, now);
    // A second connection pool to the same scratch database stands in for a second app instance.
    const scratchName = (database.db as unknown as { $client: { options: { database: string } } }).$client.options.database;
    const scratchUrl = new URL(process.env.DATABASE_URL!);
    scratchUrl.pathname = `/${scratchName}`;
    const other = await openPostgres(scratchUrl.toString(), { max: 5 });
    try {
      const at = new Date(event.startsAt.getTime() - DAY);
      const results = await Promise.all([
        sendDueNotifications({ now: at, batchSize: 5 }),
        sendDueNotifications({ now: at, batchSize: 5, db: other.db }),
        sendDueNotifications({ now: at, batchSize: 7 }),
      ]);
      expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(40);
      const emails = members.map((m) => m.email);
      const { outbox } = await import("@/db/schema");
      const rows = await database.db
        .select({ to: outbox.to })
        .from(outbox)
        .where(and(inArray(outbox.to, emails), eq(outbox.kind, "reminder_day")));
      expect(rows).toHaveLength(40);
      expect(new Set(rows.map((r) => r.to)).size).toBe(40);
    } finally {
      await other.close();
    }
  });
});
