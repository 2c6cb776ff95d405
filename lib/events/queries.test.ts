import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/db/testing";
import { calendarInvites, rsvps } from "@/db/schema";
import { createEvent, createMember, createMembers, viewerOf } from "@/test/factories";
import { getEventBySlug, getViewerEventState, listPublicEvents } from "./queries";

const database = useTestDatabase();
const day = 24 * 3600_000;

describe("public event queries", () => {
  it("lists upcoming and past events with the number going, drafts never", async () => {
    const now = new Date("2030-01-15T12:00:00Z");
    const soon = await createEvent(database.db, {
      title: "Soon",
      startsAt: new Date(now.getTime() + day),
      endsAt: new Date(now.getTime() + day + 3600_000),
      capacity: 10,
    });
    await createEvent(database.db, {
      title: "Draft",
      status: "draft",
      startsAt: new Date(now.getTime() + day),
      endsAt: new Date(now.getTime() + day + 3600_000),
    });
    await createEvent(database.db, { title: "Before", startsAt: new Date(now.getTime() - 2 * day), endsAt: new Date(now.getTime() - 2 * day + 3600_000) });
    const members = await createMembers(database.db, 3);
    await database.db.insert(rsvps).values([
      { eventId: soon.id, userId: members[0]!.id, status: "going" },
      { eventId: soon.id, userId: members[1]!.id, status: "going" },
      { eventId: soon.id, userId: members[2]!.id, status: "waitlisted" },
    ]);
    const upcoming = await listPublicEvents({ when: "upcoming", now });
    expect(upcoming.items.map((e) => [e.title, e.goingCount])).toEqual([["Soon", 2]]);
    const past = await listPublicEvents({ when: "past", now });
    expect(past.items.map((e) => e.title)).toEqual(["Before"]);
  });

  it("finds events by words in the title or summary, and by kind, format and topic", async () => {
    const now = new Date("2031-01-01T00:00:00Z");
    const at = { startsAt: new Date(now.getTime() + day), endsAt: new Date(now.getTime() + day + 3600_000) };
    await createEvent(database.db, {
      ...at,
      title: "Captioning livestreams",
      summary: "Live captions for town halls",
      kind: "workshop",
      format: "hybrid",
      location: "GSA HQ",
      tags: ["video"],
    });
    await createEvent(database.db, { ...at, title: "Analytics basics", summary: "Dashboards for leadership", kind: "educational", tags: ["analytics"] });
    const titles = async (filters: Parameters<typeof listPublicEvents>[0]["filters"]) =>
      (await listPublicEvents({ when: "upcoming", now, filters })).items.map((e) => e.title);
    expect(await titles({ query: "caption" })).toEqual(["Captioning livestreams"]);
    expect(await titles({ query: "dashboards" })).toEqual(["Analytics basics"]);
    expect(await titles({ kind: "workshop" })).toEqual(["Captioning livestreams"]);
    expect(await titles({ format: "hybrid" })).toEqual(["Captioning livestreams"]);
    expect(await titles({ topic: "analytics" })).toEqual(["Analytics basics"]);
    expect(await titles({ query: "'); drop table events; --" })).toEqual([]);
  });

  it("caps the page number instead of scanning without end", async () => {
    const page = await listPublicEvents({ when: "upcoming", page: 10_000_000 });
    expect(page.page).toBe(1000);
    expect(page.items).toEqual([]);
  });

  it("shows drafts only to organizers and the join link only to people going", async () => {
    const draft = await createEvent(database.db, { status: "draft" });
    const member = await createMember(database.db);
    const organizer = await createMember(database.db, { role: "organizer" });
    expect(await getEventBySlug({ slug: draft.slug, viewer: null })).toBeNull();
    expect(await getEventBySlug({ slug: draft.slug, viewer: viewerOf(member) })).toBeNull();
    expect(await getEventBySlug({ slug: draft.slug, viewer: viewerOf(organizer) })).toMatchObject({ title: draft.title });

    const event = await createEvent(database.db);
    expect(await getViewerEventState({ eventId: event.id, viewer: null })).toEqual({
      rsvp: null,
      joinUrl: null,
      canManage: false,
      goingCount: null,
      audienceRefusal: null,
      hasInvite: false,
    });
    expect((await getViewerEventState({ eventId: event.id, viewer: viewerOf(member) })).joinUrl).toBeNull();
    expect((await getViewerEventState({ eventId: event.id, viewer: viewerOf(organizer) })).joinUrl).toBe(event.joinUrl);
    const [rsvp] = await database.db.insert(rsvps).values({ eventId: event.id, userId: member.id, status: "going" }).returning();
    expect(await getViewerEventState({ eventId: event.id, viewer: viewerOf(member) })).toEqual({
      rsvp: { status: "going", waitlistPosition: null },
      joinUrl: event.joinUrl,
      canManage: false,
      // Counted afresh for a signed-in viewer (the RSVP above went straight into the table).
      goingCount: 1,
      audienceRefusal: null,
      hasInvite: false,
    });
    // Whether the member's calendar holds our invite comes in the same query: only a sent one counts, and only theirs.
    await database.db
      .insert(calendarInvites)
      .values({ rsvpId: rsvp!.id, eventId: event.id, userId: member.id, uid: `${rsvp!.id}@test`, sequence: 0, state: "sent" });
    expect((await getViewerEventState({ eventId: event.id, viewer: viewerOf(member) })).hasInvite).toBe(true);
    expect((await getViewerEventState({ eventId: event.id, viewer: viewerOf(organizer) })).hasInvite).toBe(false);
    await database.db.update(calendarInvites).set({ state: "cancelled" });
    expect((await getViewerEventState({ eventId: event.id, viewer: viewerOf(member) })).hasInvite).toBe(false);
  });
});
