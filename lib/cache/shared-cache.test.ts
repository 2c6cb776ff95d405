import { beforeEach, describe, expect, it, vi } from "vitest";

/**
 * A stand-in for Next's data cache with its two properties that matter here:
 * entries are stored as JSON (so Dates come back as strings) and expire by tag.
 * Outside `next start` the real one is absent and every read goes to the database.
 */
const store = vi.hoisted(() => new Map<string, { json: string; tags: string[] }>());
vi.mock("next/cache", () => ({
  unstable_cache:
    (read: (...args: unknown[]) => Promise<unknown>, keyParts: string[], { tags = [] }: { tags?: string[] }) =>
    async (...args: unknown[]) => {
      const key = `${keyParts.join("/")}:${JSON.stringify(args)}`;
      const hit = store.get(key);
      if (hit) return JSON.parse(hit.json);
      const value = await read(...args);
      store.set(key, { json: JSON.stringify(value), tags });
      return value;
    },
  revalidateTag: (tag: string) => {
    for (const [key, entry] of store) if (entry.tags.includes(tag)) store.delete(key);
  },
}));

const { useTestDatabase } = await import("@/db/testing");
const { events, rsvps, users, outbox, auditLog } = await import("@/db/schema");
const { createEvent, createMember, createMembers, viewerOf, eventInputOf } = await import("@/test/factories");
const { getEventBySlug, listPublicEvents } = await import("@/lib/events/queries");
const { cancelEvent, updateEvent } = await import("@/lib/events/manage");
const { getEventForEditing } = await import("@/lib/events/manage-read");
const { rsvpToEvent } = await import("@/lib/events/rsvp");
const { getCommunityFeed } = await import("@/lib/calendar/feeds");
const { documentFor } = await import("@/lib/calendar/documents");
const { expireTags } = await import("@/lib/cache/shared-cache");

const database = useTestDatabase();
const day = 24 * 3600_000;

beforeEach(async () => {
  store.clear();
  await database.db.delete(outbox);
  await database.db.delete(auditLog);
  await database.db.delete(rsvps);
  await database.db.delete(events);
  await database.db.delete(users);
});

async function setUp() {
  const organizer = viewerOf(await createMember(database.db, { role: "organizer", email: "organizer@gsa.gov" }));
  const startsAt = new Date(Date.now() + 10 * day);
  const event = await createEvent(database.db, { title: "Before the edit", startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), capacity: 5 });
  return { organizer, event };
}

describe("shared cache of public event data", () => {
  it("serves a cached event page until the event is edited, then the new title", async () => {
    const { organizer, event } = await setUp();
    const first = await getEventBySlug({ slug: event.slug, viewer: null });
    expect(first?.title).toBe("Before the edit");
    expect(first?.startsAt).toBeInstanceOf(Date);

    // A write behind the app's back is not seen: the page really comes from the cache.
    await database.db.update(events).set({ summary: "changed directly" });
    expect((await getEventBySlug({ slug: event.slug, viewer: null }))?.summary).not.toBe("changed directly");

    const current = await getEventForEditing(organizer, event.id);
    await updateEvent(organizer, event.id, { ...eventInputOf(current), title: "After the edit" });
    const page = await getEventBySlug({ slug: event.slug, viewer: null });
    expect(page?.title).toBe("After the edit");
    const list = await listPublicEvents({ when: "upcoming" });
    expect(list.items.map((item) => item.title)).toEqual(["After the edit"]);
  });

  it("refreshes seat counts after an RSVP and the community feed after a cancellation", async () => {
    const { organizer, event } = await setUp();
    const [member] = await createMembers(database.db, 1);
    expect((await getEventBySlug({ slug: event.slug, viewer: null }))?.goingCount).toBe(0);
    expect((await getCommunityFeed()).body).not.toContain("STATUS:CANCELLED");

    await rsvpToEvent(viewerOf(member!), { eventId: event.id });
    expect((await getEventBySlug({ slug: event.slug, viewer: null }))?.goingCount).toBe(1);

    await cancelEvent(organizer, event.id, { message: "Speaker is ill." });
    expect((await getEventBySlug({ slug: event.slug, viewer: null }))?.status).toBe("cancelled");
    expect((await getCommunityFeed()).body).toContain("STATUS:CANCELLED");
  });

  it("serves the community feed's body from memory, always with the ETag of that body", async () => {
    const { event } = await setUp();
    const first = await getCommunityFeed();
    expect(first.body).toContain("Before the edit");
    await database.db.update(events).set({ title: "Renamed behind the cache's back" });
    const second = await getCommunityFeed();
    expect(second).toEqual(first);
    expect(second.etag).toBe(documentFor(second.body, second.lastModified).etag);
    expireTags([`event:${event.id}`, "events"]);
    const third = await getCommunityFeed();
    expect(third.body).toContain("Renamed behind the cache's back");
    expect(third.etag).not.toBe(first.etag);
    expect(third.etag).toBe(documentFor(third.body, third.lastModified).etag);
  });

  it("keeps searches and filters out of the cache: each key would be an entry in memory that could push out pages", async () => {
    const { event } = await setUp();
    const search = { when: "upcoming" as const, filters: { query: "edit" } };
    expect((await listPublicEvents(search)).items.map((item) => item.title)).toEqual(["Before the edit"]);
    await database.db.update(events).set({ title: "Renamed behind the cache's back" });
    expect((await listPublicEvents({ ...search, filters: { query: "renamed" } })).items.map((item) => item.id)).toEqual([event.id]);
    expect(store.size).toBe(0);
  });

  it("never caches drafts or misses, and organizers read drafts past the cache", async () => {
    const { organizer } = await setUp();
    const draft = await createEvent(database.db, { title: "Secret draft", status: "draft" });
    expect(await getEventBySlug({ slug: draft.slug, viewer: null })).toBeNull();
    expect(await getEventBySlug({ slug: "no-such-event", viewer: null })).toBeNull();
    expect((await getEventBySlug({ slug: draft.slug, viewer: organizer }))?.title).toBe("Secret draft");
    expect([...store.values()].some((entry) => entry.json.includes("Secret draft"))).toBe(false);
  });
});
