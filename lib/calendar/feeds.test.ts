import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { events, rsvps, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { insertUser, viewerFor } from "@/lib/members/test-users";
import { revokeFeedToken, rotateFeedToken } from "./feed-tokens";
import { COMMUNITY_FEED_NAME } from "./documents";
import { communityFeedResponse, eventCalendarResponse, getCommunityFeed, getPersonalFeed, personalFeedResponse } from "./feeds";
import { byUid, insertEvent, onlyEvent, parseCalendar, textOf, useCalendarEnv } from "./test-helpers";

const database = useTestDatabase();
useCalendarEnv();

const now = new Date("2030-03-01T12:00:00Z");
const daysFromNow = (days: number) => new Date(now.getTime() + days * 24 * 3600_000);
const uid = (id: string) => `${id}@convene.example.gov`;
const get = (path: string, headers: Record<string, string> = {}) => new Request(`https://convene.example.gov${path}`, { headers });

type Row = Awaited<ReturnType<typeof insertEvent>>;
let upcoming: Row;
let recent: Row;
let old: Row;
let draft: Row;
let cancelled: Row;
let later: Row;

beforeAll(async () => {
  const db = database.db;
  upcoming = await insertEvent(db, { startsAt: daysFromNow(7), updatedAt: new Date("2030-02-20T10:00:00Z") });
  later = await insertEvent(db, { startsAt: daysFromNow(40), format: "in_person", location: "GSA, 1800 F St NW" });
  recent = await insertEvent(db, { startsAt: daysFromNow(-30) });
  old = await insertEvent(db, { startsAt: daysFromNow(-120) });
  draft = await insertEvent(db, { startsAt: daysFromNow(10), status: "draft", updatedAt: new Date("2030-02-28T10:00:00Z") });
  cancelled = await insertEvent(db, {
    startsAt: daysFromNow(14),
    status: "cancelled",
    sequence: 3,
    updatedAt: new Date("2030-02-25T08:00:00Z"),
  });
});

describe("the community feed", () => {
  it("lists published and cancelled events of the last 90 days and after, never drafts", async () => {
    const feed = await getCommunityFeed({ now });
    const calendar = parseCalendar(feed.body);
    const found = byUid(calendar);
    expect([...found.keys()].sort()).toEqual([upcoming, later, recent, cancelled].map((event) => uid(event.id)).sort());
    expect(found.has(uid(draft.id))).toBe(false);
    expect(found.has(uid(old.id))).toBe(false);

    expect(textOf(found.get(uid(cancelled.id))!, "status")).toBe("CANCELLED");
    expect(textOf(found.get(uid(cancelled.id))!, "sequence")).toBe("3");
    expect(textOf(found.get(uid(upcoming.id))!, "status")).toBe("CONFIRMED");
    expect(textOf(found.get(uid(later.id))!, "location")).toBe("GSA, 1800 F St NW");
    expect(feed.body).not.toContain("meet.example.gov");

    expect(textOf(calendar, "method")).toBe("PUBLISH");
    expect(textOf(calendar, "x-wr-calname")).toBe(COMMUNITY_FEED_NAME);
    expect(textOf(calendar, "refresh-interval")).toBe("PT1H");
    expect(textOf(calendar, "x-published-ttl")).toBe("PT1H");
  });

  it("orders events by start time", async () => {
    const calendar = parseCalendar((await getCommunityFeed({ now })).body);
    const starts = calendar.getAllSubcomponents("vevent").map((event) => textOf(event, "dtstart")!);
    expect(starts).toEqual([...starts].sort());
  });

  it("answers every poll of a version with the same bytes", async () => {
    const first = await communityFeedResponse(get("/calendar/community.ics"), { now });
    const second = await communityFeedResponse(get("/calendar/community.ics"), { now });
    const [a, b] = [Buffer.from(await first.arrayBuffer()), Buffer.from(await second.arrayBuffer())];
    expect(a.equals(b)).toBe(true);
    expect(a.toString("utf8")).toBe((await getCommunityFeed({ now })).body);
  });

  it("answers with caching headers and 304 for a client that has this version", async () => {
    const response = await communityFeedResponse(get("/calendar/community.ics"), { now });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    // no-transform: Next (and any proxy) must not compress these shared bytes anew for every poll.
    expect(response.headers.get("cache-control")).toMatch(/^public, max-age=\d+, no-transform$/);
    const etag = response.headers.get("etag")!;
    const lastModified = response.headers.get("last-modified")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    // The newest published or cancelled update: the draft's later one does not count.
    expect(lastModified).toBe(new Date("2030-02-25T08:00:00Z").toUTCString());
    parseCalendar(await response.text());

    const again = await communityFeedResponse(get("/calendar/community.ics", { "If-None-Match": etag }), { now });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);

    const weakList = await communityFeedResponse(get("/x", { "If-None-Match": `"other", W/${etag}` }), { now });
    expect(weakList.status).toBe(304);
    const otherTag = await communityFeedResponse(get("/x", { "If-None-Match": '"other"', "If-Modified-Since": lastModified }), {
      now,
    });
    expect(otherTag.status).toBe(200);

    expect((await communityFeedResponse(get("/x", { "If-Modified-Since": lastModified }), { now })).status).toBe(304);
    const before = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await communityFeedResponse(get("/x", { "If-Modified-Since": before }), { now })).status).toBe(200);
    expect((await communityFeedResponse(get("/x", { "If-Modified-Since": "not a date" }), { now })).status).toBe(200);
  });

  it("keeps its ETag while nothing changes, and changes it when an event does", async () => {
    const first = await getCommunityFeed({ now });
    const second = await getCommunityFeed({ now });
    expect(second.etag).toBe(first.etag);
    expect(second.body).toBe(first.body);

    const editedAt = new Date("2030-02-27T09:00:00Z");
    await database.db
      .update(events)
      .set({ sequence: sql`${events.sequence} + 1`, updatedAt: editedAt })
      .where(eq(events.id, upcoming.id));
    const third = await getCommunityFeed({ now });
    expect(third.etag).not.toBe(first.etag);
    expect(third.lastModified).toEqual(editedAt);
    expect(textOf(byUid(parseCalendar(third.body)).get(uid(upcoming.id))!, "sequence")).toBe("1");
    const stale = await communityFeedResponse(get("/x", { "If-None-Match": first.etag }), { now });
    expect(stale.status).toBe(200);
  });
});

describe("the .ics of one event", () => {
  it("serves a published event as a download with one VEVENT", async () => {
    const response = await eventCalendarResponse(get(`/events/${upcoming.slug}/calendar.ics`), { slug: upcoming.slug });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${upcoming.slug}.ics"`);
    const body = await response.text();
    const event = onlyEvent(parseCalendar(body));
    expect(textOf(event, "uid")).toBe(uid(upcoming.id));
    expect(textOf(event, "summary")).toBe(upcoming.title);
    expect(body).not.toContain("meet.example.gov");
    expect(body).not.toMatch(/REFRESH-INTERVAL|X-PUBLISHED-TTL/);
  });

  it("serves a cancelled event as CANCELLED, and no draft or unknown event", async () => {
    const response = await eventCalendarResponse(get("/x"), { slug: cancelled.slug });
    expect(textOf(onlyEvent(parseCalendar(await response.text())), "status")).toBe("CANCELLED");
    expect((await eventCalendarResponse(get("/x"), { slug: draft.slug })).status).toBe(404);
    expect((await eventCalendarResponse(get("/x"), { slug: "no-such-event" })).status).toBe(404);
  });
});

describe("a personal feed", () => {
  it("shows the member's going events as CONFIRMED with the join link and waitlisted ones as TENTATIVE", async () => {
    const member = await insertUser(database.db);
    const someoneElse = await insertUser(database.db);
    const leftEvent = await insertEvent(database.db, { startsAt: daysFromNow(20) });
    const waitlistedEvent = await insertEvent(database.db, { startsAt: daysFromNow(21) });
    await database.db.insert(rsvps).values([
      { eventId: upcoming.id, userId: member.id, status: "going" },
      { eventId: waitlistedEvent.id, userId: member.id, status: "waitlisted" },
      { eventId: leftEvent.id, userId: member.id, status: "cancelled" },
      { eventId: cancelled.id, userId: member.id, status: "going" },
      { eventId: draft.id, userId: member.id, status: "going" },
      { eventId: old.id, userId: member.id, status: "going" },
      { eventId: later.id, userId: someoneElse.id, status: "going" },
    ]);
    const token = await rotateFeedToken(viewerFor(member));

    const feed = await getPersonalFeed({ token, now });
    const found = byUid(parseCalendar(feed!.body));
    expect([...found.keys()].sort()).toEqual([upcoming, waitlistedEvent, cancelled].map((event) => uid(event.id)).sort());

    const going = found.get(uid(upcoming.id))!;
    expect(textOf(going, "status")).toBe("CONFIRMED");
    expect(textOf(going, "description")).toContain(`Join online: ${upcoming.joinUrl}`);
    expect(textOf(going, "location")).toBe(upcoming.joinUrl);
    const waiting = found.get(uid(waitlistedEvent.id))!;
    expect(textOf(waiting, "status")).toBe("TENTATIVE");
    expect(textOf(waiting, "x-microsoft-cdo-busystatus")).toBe("TENTATIVE");
    expect(feed!.body).not.toContain(waitlistedEvent.joinUrl!);
    expect(textOf(found.get(uid(cancelled.id))!, "status")).toBe("CANCELLED");
  });

  it("is served at its .ics address, privately, and answers an empty calendar once the link is replaced or turned off", async () => {
    const member = await insertUser(database.db);
    const viewer = viewerFor(member);
    await database.db.insert(rsvps).values({ eventId: later.id, userId: member.id, status: "going" });
    const first = await rotateFeedToken(viewer);

    const response = await personalFeedResponse(get(`/calendar/feed/${first}.ics`), { token: `${first}.ics`, now });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toMatch(/private/);
    expect(response.headers.get("cache-control")).toMatch(/no-store/);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const calendar = parseCalendar(await response.text());
    expect(textOf(calendar, "refresh-interval")).toBe("PT1H");
    expect(textOf(calendar, "x-wr-calname")).toMatch(/^My /);
    expect(textOf(onlyEvent(calendar), "uid")).toBe(uid(later.id));

    const etag = response.headers.get("etag")!;
    const notModified = await personalFeedResponse(get("/x", { "If-None-Match": etag }), { token: first, now });
    expect(notModified.status).toBe(304);

    // Subscribed apps keep polling a dead link: an empty calendar makes them drop the entries and join links.
    const expectEmptyCalendar = async (response: Response) => {
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect(response.headers.get("last-modified")).toBeNull();
      const emptied = parseCalendar(await response.text());
      expect(emptied.getAllSubcomponents("vevent")).toHaveLength(0);
      expect(textOf(emptied, "x-wr-calname")).toMatch(/^My /);
    };
    const second = await rotateFeedToken(viewer);
    await expectEmptyCalendar(await personalFeedResponse(get("/x", { "If-None-Match": etag }), { token: `${first}.ics`, now }));
    expect((await personalFeedResponse(get("/x"), { token: `${second}.ics`, now })).status).toBe(200);

    await revokeFeedToken(viewer);
    await expectEmptyCalendar(await personalFeedResponse(get("/x"), { token: `${second}.ics`, now }));
    // A link that never existed, or is no token at all, is still not found.
    expect((await personalFeedResponse(get("/x"), { token: `${"A".repeat(43)}.ics`, now })).status).toBe(404);
    expect((await personalFeedResponse(get("/x"), { token: "not-a-token.ics", now })).status).toBe(404);

    // Deleting the account revokes its link the same way.
    const third = await rotateFeedToken(viewer);
    await database.db.delete(users).where(eq(users.id, member.id));
    await expectEmptyCalendar(await personalFeedResponse(get("/x"), { token: `${third}.ics`, now }));
  });

  it("changes its ETag when the member's RSVP changes, even with no event edited", async () => {
    const member = await insertUser(database.db);
    const event = await insertEvent(database.db, { startsAt: daysFromNow(30) });
    await database.db.insert(rsvps).values({
      eventId: event.id,
      userId: member.id,
      status: "waitlisted",
      updatedAt: new Date("2030-02-10T00:00:00Z"),
    });
    const token = await rotateFeedToken(viewerFor(member));
    const before = await getPersonalFeed({ token, now });
    expect((await getPersonalFeed({ token, now }))!.etag).toBe(before!.etag);

    const promotedAt = new Date("2030-02-26T00:00:00Z");
    await database.db.update(rsvps).set({ status: "going", updatedAt: promotedAt }).where(eq(rsvps.eventId, event.id));
    const after = await getPersonalFeed({ token, now });
    expect(after!.etag).not.toBe(before!.etag);
    expect(after!.lastModified).toEqual(promotedAt);
    expect(textOf(onlyEvent(parseCalendar(after!.body)), "status")).toBe("CONFIRMED");

    const leftAt = new Date("2030-02-27T00:00:00Z");
    await database.db.update(rsvps).set({ status: "cancelled", updatedAt: leftAt }).where(eq(rsvps.eventId, event.id));
    const gone = await getPersonalFeed({ token, now });
    expect(parseCalendar(gone!.body).getAllSubcomponents("vevent")).toHaveLength(0);
    // Leaving moves Last-Modified on, so If-Modified-Since clients see the event go.
    expect(gone!.lastModified).toEqual(leftAt);
  });
});
