import { TZDate } from "@date-fns/tz";
import { asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, events, resources, rsvps, users } from "./schema";
import { DEMO_ADMIN_EMAIL, DEMO_MEMBER_EMAILS, DEMO_ORGANIZER_EMAIL, isDatabaseEmpty, seedDemoData } from "./seed";
import { useTestDatabase } from "./testing";

const database = useTestDatabase();

// Ninety days back and ten weeks ahead of this both cross a daylight saving
// change (November 2025, March 2026), so wall-clock handling is really tested.
const NOW = new Date("2026-02-20T15:00:00Z");
const DAY_MS = 24 * 60 * 60 * 1000;

function inZone(at: Date, timeZone: string) {
  return new TZDate(at.getTime(), timeZone);
}

function localDate(at: Date, timeZone: string) {
  const local = inZone(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

async function countRows() {
  const { db } = database;
  const total = async (table: typeof users | typeof events | typeof rsvps | typeof resources | typeof auditLog) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    users: await total(users),
    events: await total(events),
    rsvps: await total(rsvps),
    resources: await total(resources),
    auditLog: await total(auditLog),
  };
}

async function rsvpCountsByEvent() {
  const rows = await database.db.select({ eventId: rsvps.eventId, status: rsvps.status, n: count() }).from(rsvps).groupBy(rsvps.eventId, rsvps.status);
  const byEvent = new Map<string, { going: number; waitlisted: number; cancelled: number }>();
  for (const row of rows) {
    const counts = byEvent.get(row.eventId) ?? { going: 0, waitlisted: 0, cancelled: 0 };
    counts[row.status] = row.n;
    byEvent.set(row.eventId, counts);
  }
  return byEvent;
}

describe("seedDemoData", () => {
  let result: { seeded: boolean };
  let emptyBefore: boolean;

  beforeAll(async () => {
    emptyBefore = await isDatabaseEmpty(database.db);
    result = await seedDemoData(database.db, { now: NOW });
  });

  it("seeds an empty database, which is then no longer empty", async () => {
    expect(emptyBefore).toBe(true);
    expect(result).toEqual({ seeded: true });
    expect(await isDatabaseEmpty(database.db)).toBe(false);
  });

  it("creates an admin, an organizer and joined members at .gov and .mil addresses", async () => {
    const people = await database.db.select().from(users);
    expect(people).toHaveLength(2 + DEMO_MEMBER_EMAILS.length);
    expect(DEMO_MEMBER_EMAILS).toHaveLength(14);

    expect(people.filter((p) => p.role === "admin").map((p) => p.email)).toEqual([DEMO_ADMIN_EMAIL]);
    expect(people.filter((p) => p.role === "organizer").map((p) => p.email)).toEqual([DEMO_ORGANIZER_EMAIL]);
    const members = people.filter((p) => p.role === "member");
    expect(members.map((p) => p.email).sort()).toEqual([...DEMO_MEMBER_EMAILS].sort());

    expect(members.filter((p) => p.email.endsWith(".gov")).length).toBeGreaterThanOrEqual(5);
    expect(members.filter((p) => p.email.endsWith(".mil")).length).toBeGreaterThanOrEqual(2);
    expect(people.every((p) => /@[a-z0-9.-]+\.(gov|mil)$/.test(p.email))).toBe(true);

    for (const person of people) {
      expect(person.emailVerified, person.email).toBeInstanceOf(Date);
      expect(person.guidelinesAcceptedAt, person.email).toBeInstanceOf(Date);
      expect(person.guidelinesAcceptedAt!.getTime()).toBeLessThan(NOW.getTime());
      expect(person.agency && person.jobTitle && person.name, person.email).toBeTruthy();
    }
    expect(new Set(people.map((p) => p.timeZone)).size).toBeGreaterThanOrEqual(5);
    const optedIn = people.filter((p) => p.directoryOptIn).length;
    expect(optedIn).toBeGreaterThanOrEqual(5);
    expect(optedIn).toBeLessThanOrEqual(people.length - 5);
  });

  // registry: the demo's organizations and levels are the ones a sign-in would set, at more than one level.
  it("gives every demo person the organization and level the .gov registry gives their address", async () => {
    const { checkMembership } = await import("@/lib/registry/membership");
    const people = await database.db.select().from(users);
    for (const person of people) {
      const check = await checkMembership(person.email, ["gov", "mil"]);
      expect(check.ok && { organization: check.affiliation.organization, level: check.affiliation.level }, person.email).toEqual({
        organization: person.organization,
        level: person.governmentLevel,
      });
    }
    expect(new Set(people.map((p) => p.governmentLevel))).toEqual(new Set(["federal", "state", "local"]));
  });

  it("creates about 25 events: exactly one draft and one cancellation, the rest published", async () => {
    const all = await database.db.select().from(events);
    expect(all.length).toBeGreaterThanOrEqual(22);
    expect(all.length).toBeLessThanOrEqual(28);

    const drafts = all.filter((e) => e.status === "draft");
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.publishedAt).toBeNull();

    const cancelled = all.filter((e) => e.status === "cancelled");
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.cancelledAt).toBeInstanceOf(Date);
    expect(cancelled[0]!.cancellationMessage).toMatch(/\w{3,}/);
    expect(cancelled[0]!.sequence).toBeGreaterThan(0);

    const published = all.filter((e) => e.status === "published");
    expect(published.length).toBe(all.length - 2);
    for (const event of published) {
      expect(event.publishedAt!.getTime(), event.slug).toBeLessThan(NOW.getTime());
      expect(event.publishedAt!.getTime(), event.slug).toBeLessThan(event.startsAt.getTime());
    }

    const organizer = (await database.db.select().from(users).where(eq(users.email, DEMO_ORGANIZER_EMAIL)))[0]!;
    expect(all.every((e) => e.createdBy === organizer.id)).toBe(true);
  });

  it("places events in the past 90 days and the next ten weeks of the seeding time", async () => {
    const all = await database.db.select().from(events);
    const past = all.filter((e) => e.startsAt < NOW);
    const upcoming = all.filter((e) => e.startsAt > NOW);
    expect(past.length).toBeGreaterThanOrEqual(5);
    expect(past.length).toBeLessThanOrEqual(10);
    expect(upcoming.length).toBe(all.length - past.length);
    for (const event of all) {
      expect(event.startsAt.getTime(), event.slug).toBeGreaterThanOrEqual(NOW.getTime() - 90 * DAY_MS);
      expect(event.startsAt.getTime(), event.slug).toBeLessThanOrEqual(NOW.getTime() + 71 * DAY_MS);
    }
    expect(past.every((e) => e.status === "published")).toBe(true);
  });

  it("spreads events over several time zones and all kinds and formats", async () => {
    const all = await database.db.select().from(events);
    expect(new Set(all.map((e) => e.timeZone))).toEqual(
      new Set(["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Pacific/Honolulu", "Pacific/Guam"]),
    );
    expect(all.filter((e) => e.timeZone === "America/New_York").length).toBeGreaterThan(all.length / 2);
    expect(new Set(all.map((e) => e.kind))).toEqual(new Set(["educational", "networking", "workshop", "office_hours"]));
    expect(new Set(all.map((e) => e.format))).toEqual(new Set(["virtual", "in_person", "hybrid"]));
  });

  it("gives each format the right place to meet", async () => {
    for (const event of await database.db.select().from(events)) {
      if (event.format !== "in_person") expect(event.joinUrl, event.slug).toMatch(/^https:\/\/gsa\.zoomgov\.com\/j\/\d+$/);
      else expect(event.joinUrl, event.slug).toBeNull();
      if (event.format !== "virtual") expect(event.location, event.slug).toMatch(/, [A-Z]{2}\b/);
      else expect(event.location, event.slug).toBeNull();
    }
  });

  it("fills one upcoming event to capacity and queues a waitlist behind it in order", async () => {
    const all = await database.db.select().from(events);
    const counts = await rsvpCountsByEvent();
    const full = all.filter((e) => e.capacity !== null && counts.get(e.id)?.going === e.capacity);
    expect(full).toHaveLength(1);
    const event = full[0]!;
    expect(event.status).toBe("published");
    expect(event.startsAt > NOW).toBe(true);
    expect(counts.get(event.id)!.waitlisted).toBeGreaterThanOrEqual(2);

    const queue = await database.db.select().from(rsvps).where(eq(rsvps.eventId, event.id)).orderBy(asc(rsvps.queuedAt));
    const times = queue.map((r) => r.queuedAt.getTime());
    expect(new Set(times).size).toBe(times.length);
    // Everyone with a seat asked before everyone still waiting.
    const firstWaiting = queue.findIndex((r) => r.status === "waitlisted");
    expect(queue.slice(0, firstWaiting).every((r) => r.status === "going")).toBe(true);
    expect(queue.slice(firstWaiting).every((r) => r.status === "waitlisted")).toBe(true);
  });

  it("never seats more people than an event holds, and keeps waitlists to full events", async () => {
    const all = await database.db.select().from(events);
    const counts = await rsvpCountsByEvent();
    expect(all.filter((e) => e.capacity === null).length).toBeGreaterThan(all.length / 2);
    for (const event of all) {
      const { going = 0, waitlisted = 0 } = counts.get(event.id) ?? {};
      if (event.capacity !== null) expect(going, event.slug).toBeLessThanOrEqual(event.capacity);
      if (waitlisted > 0) expect(going, event.slug).toBe(event.capacity);
      if (event.status !== "published") expect(going + waitlisted, event.slug).toBe(0);
    }
    expect([...counts.values()].filter((c) => c.going > 0).length).toBeGreaterThanOrEqual(15);
  });

  it("checks people in only at events that have already started", async () => {
    const rows = await database.db
      .select({ checkedInAt: rsvps.checkedInAt, status: rsvps.status, startsAt: events.startsAt, endsAt: events.endsAt })
      .from(rsvps)
      .innerJoin(events, eq(rsvps.eventId, events.id));
    const checkedIn = rows.filter((r) => r.checkedInAt !== null);
    expect(checkedIn.length).toBeGreaterThanOrEqual(10);
    for (const row of checkedIn) {
      expect(row.status).toBe("going");
      expect(row.startsAt < NOW).toBe(true);
      expect(row.checkedInAt! < row.endsAt).toBe(true);
    }
    // Some people who said they would come did not.
    const pastGoing = rows.filter((r) => r.status === "going" && r.startsAt < NOW);
    expect(checkedIn.length).toBeLessThan(pastGoing.length);
  });

  it("gives every event a unique, readable slug dated in its own time zone", async () => {
    const all = await database.db.select().from(events);
    expect(new Set(all.map((e) => e.slug)).size).toBe(all.length);
    for (const event of all) {
      const match = /^[a-z0-9]+(?:-[a-z0-9]+)*-(\d{4}-\d{2}-\d{2})$/.exec(event.slug);
      expect(match, event.slug).not.toBeNull();
      expect(match![1], event.slug).toBe(localDate(event.startsAt, event.timeZone));
    }
  });

  it("starts events on the hour or half hour of a weekday in their own zone, for 45 to 120 minutes", async () => {
    const all = await database.db.select().from(events);
    for (const event of all) {
      const minutes = (event.endsAt.getTime() - event.startsAt.getTime()) / 60_000;
      expect(minutes, event.slug).toBeGreaterThanOrEqual(45);
      expect(minutes, event.slug).toBeLessThanOrEqual(120);

      const local = inZone(event.startsAt, event.timeZone);
      expect([0, 30], event.slug).toContain(local.getMinutes());
      expect(local.getSeconds() + local.getMilliseconds(), event.slug).toBe(0);
      expect(local.getHours(), event.slug).toBeGreaterThanOrEqual(8);
      expect(local.getHours(), event.slug).toBeLessThanOrEqual(17);
      expect([1, 2, 3, 4, 5], event.slug).toContain(local.getDay());
    }
  });

  it("keeps a recurring event at the same wall-clock time across a daylight saving change", async () => {
    const all = await database.db.select().from(events);
    const recurring = [...new Set(all.map((e) => e.title))].map((title) => all.filter((e) => e.title === title)).filter((series) => series.length > 1);
    expect(recurring.length).toBeGreaterThan(0);
    for (const series of recurring) {
      const offsets = series.map((e) => inZone(e.startsAt, e.timeZone).getTimezoneOffset());
      expect(new Set(offsets).size, series[0]!.title).toBeGreaterThan(1);
      const clock = series.map((e) => {
        const local = inZone(e.startsAt, e.timeZone);
        return `${local.getHours()}:${local.getMinutes()}`;
      });
      expect(new Set(clock).size, series[0]!.title).toBe(1);
    }
  });

  it("adds https link resources, some attached to past events", async () => {
    const all = await database.db.select().from(resources);
    expect(all.length).toBeGreaterThanOrEqual(12);
    expect(new Set(all.map((r) => r.type))).toEqual(new Set(["slides", "recording", "toolkit", "guide", "template", "link"]));
    for (const resource of all) {
      expect(resource.kind).toBe("link");
      expect(resource.storageKey).toBeNull();
      expect(new URL(resource.url!).protocol, resource.title).toBe("https:");
      expect(resource.topics.length, resource.title).toBeGreaterThan(0);
      expect(resource.createdAt < NOW, resource.title).toBe(true);
    }

    const attached = await database.db
      .select({ type: resources.type, createdAt: resources.createdAt, endsAt: events.endsAt })
      .from(resources)
      .innerJoin(events, eq(resources.eventId, events.id));
    expect(attached.length).toBeGreaterThanOrEqual(4);
    for (const resource of attached) {
      expect(["slides", "recording"]).toContain(resource.type);
      expect(resource.endsAt < NOW).toBe(true);
      expect(resource.createdAt > resource.endsAt).toBe(true);
    }
  });

  it("seeds nothing a second time and leaves every count as it was", async () => {
    const before = await countRows();
    expect(before.users).toBeGreaterThan(0);

    expect(await seedDemoData(database.db, { now: new Date(NOW.getTime() + 7 * DAY_MS) })).toEqual({ seeded: false });
    expect(await countRows()).toEqual(before);
  });
});
