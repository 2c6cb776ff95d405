import { and, asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, events, eventSeries, notifications, outbox, rsvps, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/viewer";
import { expectAppError } from "@/test/fixtures";
import { clearTables, createMember, eventInput, eventInputOf, rsvpStatus, viewerOf } from "@/test/factories";
import { publishEvent, updateEvent } from "./manage";
import { rsvpToEvent } from "./rsvp";
import { createEventSeries, getSeriesPage, rsvpToSeries, updateThisAndFollowing } from "./series";
import { wallClockOf, type SeriesRule } from "./series-rule";
import { createWithSeriesSchema } from "./series-schema";

const database = useTestDatabase();
const db = () => database.db;
const NY = "America/New_York";

let organizer: Viewer;

beforeEach(async () => {
  await clearTables(db(), notifications, outbox, auditLog, rsvps, events, eventSeries, users);
  organizer = viewerOf(await createMember(db(), { role: "organizer" }));
});

const rule = (over: Partial<SeriesRule>): SeriesRule => ({ frequency: "weekly", monthlyWeek: null, count: null, until: null, ...over });

async function occurrencesOf(seriesId: string) {
  return db().select().from(events).where(eq(events.seriesId, seriesId)).orderBy(asc(events.startsAt));
}

const local = (at: Date, zone = NY) => {
  const c = wallClockOf(at, zone);
  return `${c.year}-${String(c.month).padStart(2, "0")}-${String(c.day).padStart(2, "0")} ${String(c.hour).padStart(2, "0")}:${String(c.minute).padStart(2, "0")}`;
};

/** A 2 PM–3 PM New York event on `date`, as the form would save it. */
function at2pm(date: string, over: Parameters<typeof eventInput>[0] = {}) {
  const offset = (d: string) => (new Date(`${d}T12:00:00Z`) < new Date("2027-03-14") || new Date(`${d}T12:00:00Z`) > new Date("2027-11-07") ? 5 : 4);
  const startsAt = new Date(`${date}T${String(14 + offset(date)).padStart(2, "0")}:00:00Z`);
  return eventInput({ startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), timeZone: NY, ...over });
}

describe("creating a series", () => {
  it("monthly on the second Tuesday, January to June 2027: every occurrence at 2 PM New York time, its UTC instant moving with DST", async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const { seriesId, occurrences } = await createEventSeries(
      organizer,
      at2pm("2027-01-12"),
      rule({ frequency: "monthly", monthlyWeek: 2, count: 6 }),
      { publish: true },
      now,
    );
    expect(occurrences).toHaveLength(6);
    const rows = await occurrencesOf(seriesId);
    expect(rows.map((r) => r.startsAt.toISOString())).toEqual([
      "2027-01-12T19:00:00.000Z",
      "2027-02-09T19:00:00.000Z",
      "2027-03-09T19:00:00.000Z",
      "2027-04-13T18:00:00.000Z",
      "2027-05-11T18:00:00.000Z",
      "2027-06-08T18:00:00.000Z",
    ]);
    expect(rows.map((r) => local(r.startsAt))).toEqual([
      "2027-01-12 14:00",
      "2027-02-09 14:00",
      "2027-03-09 14:00",
      "2027-04-13 14:00",
      "2027-05-11 14:00",
      "2027-06-08 14:00",
    ]);
    expect(rows.every((r) => local(r.endsAt).endsWith("15:00") && r.status === "published" && r.publishedAt?.getTime() === now.getTime())).toBe(true);
    // Each is an event of its own: its own slug and page.
    expect(new Set(rows.map((r) => r.slug)).size).toBe(6);
    const [series] = await db().select().from(eventSeries).where(eq(eventSeries.id, seriesId));
    expect(series).toMatchObject({ frequency: "monthly", monthlyWeek: 2, firstDate: "2027-01-12", occurrenceCount: 6, untilDate: null, timeZone: NY });
    const audit = await db().select().from(auditLog).where(eq(auditLog.action, "series.created"));
    expect(audit).toHaveLength(1);
    expect(await db().select().from(auditLog).where(eq(auditLog.action, "event.published"))).toHaveLength(6);
  });

  it("October to December 2027, until a date: back to 19:00Z after clocks fall back", async () => {
    const { seriesId } = await createEventSeries(
      organizer,
      at2pm("2027-10-12"),
      rule({ frequency: "monthly", monthlyWeek: 2, until: { year: 2027, month: 12, day: 31 } }),
      { publish: false },
    );
    const rows = await occurrencesOf(seriesId);
    expect(rows.map((r) => r.startsAt.toISOString())).toEqual(["2027-10-12T18:00:00.000Z", "2027-11-09T19:00:00.000Z", "2027-12-14T19:00:00.000Z"]);
    expect(rows.map((r) => local(r.startsAt))).toEqual(["2027-10-12 14:00", "2027-11-09 14:00", "2027-12-14 14:00"]);
    expect(rows.every((r) => r.status === "draft")).toBe(true);
    const [series] = await db().select().from(eventSeries).where(eq(eventSeries.id, seriesId));
    expect(series).toMatchObject({ untilDate: "2027-12-31", occurrenceCount: null });
  });

  it("weekly across the spring change, every two weeks, and the last Thursday", async () => {
    const weekly = await createEventSeries(organizer, at2pm("2027-03-02"), rule({ count: 3 }), { publish: true });
    expect((await occurrencesOf(weekly.seriesId)).map((r) => [r.startsAt.toISOString(), local(r.startsAt)])).toEqual([
      ["2027-03-02T19:00:00.000Z", "2027-03-02 14:00"],
      ["2027-03-09T19:00:00.000Z", "2027-03-09 14:00"],
      ["2027-03-16T18:00:00.000Z", "2027-03-16 14:00"],
    ]);
    const biweekly = await createEventSeries(organizer, at2pm("2027-10-27"), rule({ frequency: "biweekly", count: 3 }), { publish: true });
    expect((await occurrencesOf(biweekly.seriesId)).map((r) => local(r.startsAt))).toEqual(["2027-10-27 14:00", "2027-11-10 14:00", "2027-11-24 14:00"]);
    const last = await createEventSeries(organizer, at2pm("2027-01-28"), rule({ frequency: "monthly", monthlyWeek: -1, count: 4 }), { publish: true });
    expect((await occurrencesOf(last.seriesId)).map((r) => [r.startsAt.toISOString(), local(r.startsAt)])).toEqual([
      ["2027-01-28T19:00:00.000Z", "2027-01-28 14:00"],
      ["2027-02-25T19:00:00.000Z", "2027-02-25 14:00"],
      ["2027-03-25T18:00:00.000Z", "2027-03-25 14:00"],
      ["2027-04-29T18:00:00.000Z", "2027-04-29 14:00"],
    ]);
  });

  it("refuses a rule out of bounds with a message on the field, and writes nothing", async () => {
    const tooMany = await expectAppError(createEventSeries(organizer, at2pm("2027-01-05"), rule({ count: 60 }), { publish: true }), "invalid");
    expect(tooMany.fieldErrors).toEqual({ repeatCount: ["A series happens 2 to 52 times. Enter a number in that range."] });
    const tooLong = await expectAppError(
      createEventSeries(organizer, at2pm("2027-01-05"), rule({ until: { year: 2029, month: 1, day: 1 } }), { publish: true }),
    );
    expect(tooLong.fieldErrors?.repeatUntil?.[0]).toMatch(/at most 52/);
    const wrongWeek = await expectAppError(
      createEventSeries(organizer, at2pm("2027-01-05"), rule({ frequency: "monthly", monthlyWeek: 2, count: 3 }), { publish: true }),
    );
    expect(wrongWeek.fieldErrors?.monthlyWeek?.[0]).toMatch(/January 5, 2027 is the first Tuesday/);
    await expectAppError(createEventSeries(viewerOf(await createMember(db())), at2pm("2027-01-05"), rule({ count: 3 }), { publish: true }), "forbidden");
    expect(await db().select().from(events)).toHaveLength(0);
    expect(await db().select().from(eventSeries)).toHaveLength(0);
  });

  it("the create form's schema splits the event from its Repeats section and reports every problem at once", () => {
    const form = {
      title: "Office hours",
      kind: "office_hours",
      format: "virtual",
      date: "2027-01-05",
      startTime: "14:00",
      endTime: "15:00",
      timeZone: NY,
      joinUrl: "https://gsa.zoomgov.com/j/1",
      intent: "publish",
    };
    const ok = createWithSeriesSchema.safeParse({ ...form, repeats: "weekly", monthlyWeek: "", repeatCount: "3", repeatUntil: "" });
    expect(ok.success && ok.data.rule).toEqual({ frequency: "weekly", monthlyWeek: null, count: 3, until: null });
    const single = createWithSeriesSchema.safeParse(form);
    expect(single.success && single.data.rule).toBeNull();
    const bad = createWithSeriesSchema.safeParse({ ...form, title: "", repeats: "monthly", monthlyWeek: "2", repeatCount: "3" });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(["title", "monthlyWeek"]));
    const tampered = createWithSeriesSchema.safeParse({ ...form, status: "published" });
    expect(tampered.error?.issues.some((i) => i.code === "unrecognized_keys")).toBe(true);
    const stray = createWithSeriesSchema.safeParse({ ...form, repeats: "", repeatCount: "4" });
    expect(stray.error?.issues.map((i) => i.path[0])).toEqual(["repeats"]);
  });
});

describe("editing this and following", () => {
  const now = new Date("2026-12-01T12:00:00Z");

  async function weeklyOfFive() {
    const { seriesId } = await createEventSeries(organizer, at2pm("2027-03-02", { capacity: 10 }), rule({ count: 5 }), { publish: true }, now);
    return occurrencesOf(seriesId);
  }

  it("changes this occurrence and the later ones, not the earlier ones, moving each by the same shift across DST", async () => {
    const rows = await weeklyOfFive();
    const third = rows[2]!;
    // From the third (March 16, after the change): Tuesday 2 PM → Wednesday 3 PM, new title.
    const startsAt = new Date("2027-03-17T19:00:00Z");
    const result = await updateThisAndFollowing(
      organizer,
      third.id,
      eventInputOf(third, { title: "Open office hours", startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) }),
      now,
    );
    expect(result.updates.map((u) => u.id)).toEqual([third.id, rows[3]!.id, rows[4]!.id]);
    const after = await db().select().from(events).where(eq(events.seriesId, third.seriesId!)).orderBy(asc(events.startsAt));
    expect(after.map((r) => [r.title, local(r.startsAt)])).toEqual([
      ["Plain Language for Social Media", "2027-03-02 14:00"],
      ["Plain Language for Social Media", "2027-03-09 14:00"],
      ["Open office hours", "2027-03-17 15:00"],
      ["Open office hours", "2027-03-24 15:00"],
      ["Open office hours", "2027-03-31 15:00"],
    ]);
    // Published events changed through the ordinary update: SEQUENCE raised on exactly those three.
    expect(after.map((r) => r.sequence)).toEqual([0, 0, 1, 1, 1]);
    // A series edit is not an edit of each occurrence on its own.
    expect(after.every((r) => r.seriesEditedFields.length === 0)).toBe(true);
    expect(await db().select().from(auditLog).where(eq(auditLog.action, "series.updated_following"))).toHaveLength(1);
  });

  it("keeps what an occurrence had edited on its own and still applies the rest", async () => {
    const rows = await weeklyOfFive();
    // The fourth was retitled alone, the fifth moved alone to 10 AM.
    await updateEvent(organizer, rows[3]!.id, eventInputOf(rows[3]!, { title: "Special session" }), now);
    const fifthStart = new Date("2027-03-30T14:00:00Z");
    await updateEvent(organizer, rows[4]!.id, eventInputOf(rows[4]!, { startsAt: fifthStart, endsAt: new Date(fifthStart.getTime() + 3600_000) }), now);
    const edited = await occurrencesOf(rows[0]!.seriesId!);
    expect(edited[3]!.seriesEditedFields).toEqual(["title"]);
    expect(edited[4]!.seriesEditedFields).toEqual(["startsAt", "endsAt"]);

    const second = edited[1]!;
    const startsAt = new Date("2027-03-09T20:30:00Z"); // 3:30 PM EST
    const result = await updateThisAndFollowing(
      organizer,
      second.id,
      eventInputOf(second, { title: "Renamed", summary: "New summary", startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) }),
      now,
    );
    const after = await occurrencesOf(rows[0]!.seriesId!);
    expect(after.map((r) => [r.title, r.summary, local(r.startsAt)])).toEqual([
      ["Plain Language for Social Media", "Short posts people understand.", "2027-03-02 14:00"],
      ["Renamed", "New summary", "2027-03-09 15:30"],
      ["Renamed", "New summary", "2027-03-16 15:30"],
      ["Special session", "New summary", "2027-03-23 15:30"],
      ["Renamed", "New summary", "2027-03-30 10:00"],
    ]);
    expect(result.kept).toEqual([
      { id: rows[3]!.id, fields: ["title"] },
      { id: rows[4]!.id, fields: ["startsAt", "endsAt"] },
    ]);
  });

  it("gives later dates the edited one's RSVP deadline, as far before each start, and skips cancelled dates", async () => {
    const rows = await weeklyOfFive();
    await db().update(events).set({ status: "cancelled", cancelledAt: now }).where(eq(events.id, rows[3]!.id));
    const second = rows[1]!;
    // The day before at noon, local time.
    await updateThisAndFollowing(organizer, second.id, eventInputOf(second, { rsvpDeadline: new Date("2027-03-08T17:00:00Z") }), now);
    const after = await occurrencesOf(rows[0]!.seriesId!);
    expect(after.map((r) => (r.rsvpDeadline ? local(r.rsvpDeadline) : null))).toEqual([null, "2027-03-08 12:00", "2027-03-15 12:00", null, "2027-03-29 12:00"]);
    expect(after[3]!.sequence).toBe(0);
  });

  it("sends attendees of every changed occurrence the ordinary batched update", async () => {
    const rows = await weeklyOfFive();
    const member = await createMember(db());
    for (const row of rows) await rsvpToEvent(viewerOf(member), { eventId: row.id }, now);
    await db().delete(notifications);
    const fourth = rows[3]!;
    const startsAt = new Date(fourth.startsAt.getTime() + 3600_000);
    await updateThisAndFollowing(organizer, fourth.id, eventInputOf(fourth, { startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) }), now);
    const updates = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "event_update"), eq(notifications.userId, member.id)));
    expect(updates.map((n) => n.eventId).sort()).toEqual([rows[3]!.id, rows[4]!.id].sort());
  });

  it("refuses a capacity below who is going on a later date, naming the date, and changes nothing", async () => {
    const rows = await weeklyOfFive();
    const members = await Promise.all([createMember(db()), createMember(db())]);
    for (const m of members) await rsvpToEvent(viewerOf(m), { eventId: rows[4]!.id }, now);
    const error = await expectAppError(updateThisAndFollowing(organizer, rows[2]!.id, eventInputOf(rows[2]!, { capacity: 1 }), now), "invalid");
    expect(error.message).toBe("On March 30, 2027: 2 people are already going, so capacity can't be lower than 2.");
    expect((await occurrencesOf(rows[0]!.seriesId!)).map((r) => r.capacity)).toEqual([10, 10, 10, 10, 10]);
  });

  it("is refused for an event outside any series and for members", async () => {
    const rows = await weeklyOfFive();
    await expectAppError(updateThisAndFollowing(viewerOf(await createMember(db())), rows[0]!.id, eventInputOf(rows[0]!), now), "forbidden");
    const { occurrences } = await createEventSeries(organizer, at2pm("2027-05-04"), rule({ count: 2 }), { publish: false }, now);
    await db().update(events).set({ seriesId: null }).where(eq(events.id, occurrences[0]!.id));
    const [alone] = await db().select().from(events).where(eq(events.id, occurrences[0]!.id));
    await expectAppError(updateThisAndFollowing(organizer, alone!.id, eventInputOf(alone!), now), "conflict");
  });
});

describe("RSVP to a whole series", () => {
  const now = new Date("2026-12-01T12:00:00Z");

  it("RSVPs to every upcoming published date through the capacity lock: going where there is a seat, waitlisted where full", async () => {
    const { seriesId, occurrences } = await createEventSeries(organizer, at2pm("2027-03-02", { capacity: 1 }), rule({ count: 3 }), { publish: true }, now);
    // The second date's one seat is taken already.
    const early = await createMember(db());
    await rsvpToEvent(viewerOf(early), { eventId: occurrences[1]!.id }, now);
    const member = viewerOf(await createMember(db()));
    const outcomes = await rsvpToSeries(member, seriesId, now);
    expect(outcomes.map((o) => [o.eventId, o.outcome])).toEqual([
      [occurrences[0]!.id, "going"],
      [occurrences[1]!.id, "waitlisted"],
      [occurrences[2]!.id, "going"],
    ]);
    expect(await rsvpStatus(db(), occurrences[1]!.id, member.id)).toBe("waitlisted");
    // Asking again changes nothing and keeps the place in line.
    const again = await rsvpToSeries(member, seriesId, now);
    expect(again.map((o) => o.outcome === "refused" || o.changed)).toEqual([false, false, false]);
  });

  it("leaves out past, draft and cancelled dates, and reports a date whose RSVPs closed", async () => {
    const { seriesId, occurrences } = await createEventSeries(organizer, at2pm("2027-03-02"), rule({ count: 4 }), { publish: false }, now);
    await publishEvent(organizer, occurrences[1]!.id);
    await publishEvent(organizer, occurrences[2]!.id);
    await db()
      .update(events)
      .set({ rsvpDeadline: new Date("2026-11-30T00:00:00Z") })
      .where(eq(events.id, occurrences[2]!.id));
    const member = viewerOf(await createMember(db()));
    const outcomes = await rsvpToSeries(member, seriesId, now);
    expect(outcomes.map((o) => [o.eventId, o.outcome])).toEqual([
      [occurrences[1]!.id, "going"],
      [occurrences[2]!.id, "refused"],
    ]);
    expect(outcomes[1]).toMatchObject({ message: expect.stringMatching(/^RSVPs for this event closed/) });
    const past = await rsvpToSeries(member, seriesId, new Date("2027-06-01T00:00:00Z")).catch((e: unknown) => e);
    expect(past).toMatchObject({ kind: "conflict", message: "This series has no upcoming dates that take RSVPs." });
  });

  it("needs a member, and is limited per series", async () => {
    const { seriesId } = await createEventSeries(organizer, at2pm("2027-03-02"), rule({ count: 2 }), { publish: true }, now);
    await expectAppError(rsvpToSeries(null, seriesId, now), "unauthenticated");
    const member = viewerOf(await createMember(db()));
    for (let i = 0; i < 3; i++) await rsvpToSeries(member, seriesId, now);
    await expectAppError(rsvpToSeries(member, seriesId, now), "rate_limited");
  });
});

describe("the series page", () => {
  it("shows visitors published and cancelled dates, organizers drafts too, and each member their own RSVPs", async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const { seriesId, occurrences } = await createEventSeries(organizer, at2pm("2027-03-02"), rule({ count: 3 }), { publish: false }, now);
    await expectAppError(getSeriesPage(null, seriesId, now), "not_found");
    await publishEvent(organizer, occurrences[0]!.id);
    await publishEvent(organizer, occurrences[1]!.id);
    const visitor = await getSeriesPage(null, seriesId, now);
    expect(visitor.occurrences.map((o) => o.id)).toEqual([occurrences[0]!.id, occurrences[1]!.id]);
    expect(visitor).toMatchObject({ rule: "every Tuesday", openCount: 2, title: "Plain Language for Social Media" });
    expect((await getSeriesPage(organizer, seriesId, now)).occurrences).toHaveLength(3);
    const member = viewerOf(await createMember(db()));
    await rsvpToEvent(member, { eventId: occurrences[1]!.id }, now);
    expect((await getSeriesPage(member, seriesId, now)).occurrences.map((o) => o.myRsvp)).toEqual([null, "going"]);
    await expectAppError(getSeriesPage(null, "not-a-uuid"), "not_found");
    await expectAppError(getSeriesPage(null, "00000000-0000-4000-8000-000000000000"), "not_found");
  });
});
