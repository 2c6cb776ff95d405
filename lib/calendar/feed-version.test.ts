import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, rsvps } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { publishEvent, unpublishEvent, updateEvent } from "@/lib/events/manage";
import { getEventForEditing } from "@/lib/events/manage-read";
import { createEvent, createMember, eventInputOf, viewerOf } from "@/test/factories";
import { rotateFeedToken } from "./feed-tokens";
import { FEED_MAX_EVENTS } from "./documents";
import { communityFeedResponse, getCommunityFeed, getPersonalFeed } from "./feeds";
import { eventUid } from "./ics";
import { byUid, parseCalendar, useCalendarEnv } from "./test-helpers";

const database = useTestDatabase();
useCalendarEnv();

const get = (headers: Record<string, string> = {}) => new Request("https://convene.example.gov/calendar/community.ics", { headers });
const HOUR = 3600_000;

describe("the community feed's version", () => {
  it("moves Last-Modified forward when an event is unpublished, so If-Modified-Since clients drop it", async () => {
    const organizer = viewerOf(await createMember(database.db, { role: "organizer" }));
    const kept = await createEvent(database.db, { updatedAt: new Date(Date.now() - 48 * HOUR) });
    const leaving = await createEvent(database.db, { status: "draft", publishedAt: null });
    await publishEvent(organizer, leaving.id);

    const before = await communityFeedResponse(get());
    const lastModified = before.headers.get("last-modified")!;
    expect(byUid(parseCalendar(await before.text())).has(eventUid(leaving.id))).toBe(true);
    expect((await communityFeedResponse(get({ "If-Modified-Since": lastModified }))).status).toBe(304);

    await unpublishEvent(organizer, leaving.id);
    const after = await communityFeedResponse(get({ "If-Modified-Since": lastModified }));
    expect(after.status).toBe(200);
    expect(Date.parse(after.headers.get("last-modified")!)).toBeGreaterThan(Date.parse(lastModified));
    const listed = byUid(parseCalendar(await after.text()));
    expect(listed.has(eventUid(leaving.id))).toBe(false);
    expect(listed.has(eventUid(kept.id))).toBe(true);
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
  });

  it("goes up a whole second for each change, so two edits in one second are two Last-Modified dates", async () => {
    const organizer = viewerOf(await createMember(database.db, { role: "organizer" }));
    const event = await createEvent(database.db);
    const seen: number[] = [];
    for (const title of ["First title", "Second title", "Third title"]) {
      await updateEvent(organizer, event.id, { ...eventInputOf(await getEventForEditing(organizer, event.id)), title });
      seen.push((await getCommunityFeed({ now: new Date() })).lastModified!.getTime());
    }
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(1000);
    expect(seen[2]! - seen[1]!).toBeGreaterThanOrEqual(1000);
  });

  it("ignores drafts: editing one leaves the version alone", async () => {
    const draft = await createEvent(database.db, { status: "draft" });
    const before = await getCommunityFeed({ now: new Date() });
    await database.db.update(events).set({ title: "Still a draft" }).where(eq(events.id, draft.id));
    expect((await getCommunityFeed({ now: new Date() })).lastModified).toEqual(before.lastModified);
  });
});

describe("the feed cap", () => {
  it("drops the oldest past events first, never an upcoming one, in the community and personal feeds", async () => {
    const now = new Date();
    const member = await createMember(database.db);
    const at = (hours: number) => new Date(now.getTime() + hours * HOUR);
    // More past events than the cap, all inside the 90-day window, and a few upcoming ones.
    const past = Array.from({ length: FEED_MAX_EVENTS }, (_, i) => pastEvent(at(-2 - i)));
    await database.db.insert(events).values(past);
    const upcoming = await Promise.all([1, 24, 24 * 40].map((hours) => createEvent(database.db, { startsAt: at(hours) })));
    await database.db.insert(rsvps).values([...past, ...upcoming].map((event) => ({ eventId: event.id!, userId: member.id, status: "going" as const })));

    const community = byUid(parseCalendar((await getCommunityFeed({ now })).body));
    const uidsBefore = new Set(community.keys());
    for (const event of upcoming) expect(uidsBefore.has(eventUid(event.id)), "upcoming event kept").toBe(true);
    expect(community.size).toBe(FEED_MAX_EVENTS);
    // Every other test's events are in this database too; what goes is the oldest past.
    expect(uidsBefore.has(eventUid(past.at(-1)!.id!))).toBe(false);
    expect(uidsBefore.has(eventUid(past[0]!.id!))).toBe(true);

    const token = await rotateFeedToken(viewerOf(member));
    const personal = byUid(parseCalendar((await getPersonalFeed({ token, now }))!.body));
    const kept = [...past.slice(0, FEED_MAX_EVENTS - upcoming.length), ...upcoming].map((event) => eventUid(event.id!));
    expect([...personal.keys()].sort()).toEqual(kept.sort());
  });
});

function pastEvent(startsAt: Date) {
  const id = randomUUID();
  return {
    id,
    slug: `past-${id.slice(0, 8)}`,
    title: `Past ${id.slice(0, 8)}`,
    summary: "Over.",
    status: "published" as const,
    startsAt,
    endsAt: new Date(startsAt.getTime() + HOUR / 2),
  };
}
