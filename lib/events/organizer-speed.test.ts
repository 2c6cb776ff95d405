import { asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, events, outbox, rsvps, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/viewer";
import { clearTables, createMember, eventInput as input, viewerOf } from "@/test/factories";
import { expectAppError } from "@/test/fixtures";
import { createEventDraft, createPublishedEvent, publishEvent, unpublishEvent } from "./manage";
import { listEventsForOrganizer, newEventFormDefaults, pastStartWarning, unpublishRefusal } from "./manage-read";

/** Issue 21, item 5: what makes organizing quick, decided in lib/. */

const database = useTestDatabase();
let organizer: Viewer;

beforeEach(async () => {
  await clearTables(database.db, outbox, auditLog, rsvps, events, users);
  organizer = viewerOf(await createMember(database.db, { role: "organizer", timeZone: "America/Chicago" }));
});

const hours = (n: number) => n * 3600_000;

describe("createPublishedEvent (Save and publish)", () => {
  it("creates the event already published, audited as created and published", async () => {
    const now = new Date("2026-12-01T15:00:00Z");
    const { id } = await createPublishedEvent(organizer, input(), now);
    const [row] = await database.db.select().from(events).where(eq(events.id, id));
    expect(row).toMatchObject({ status: "published", publishedAt: now, createdBy: organizer.id });
    const actions = await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id)).orderBy(asc(auditLog.id));
    expect(actions.map((a) => a.action)).toEqual(["event.created", "event.published"]);
  });

  it("is for organizers only, and a refused one leaves nothing behind", async () => {
    const member = viewerOf(await createMember(database.db));
    await expectAppError(createPublishedEvent(member, input()), "forbidden");
    await expectAppError(createPublishedEvent(null, input()), "unauthenticated");
    expect(await database.db.select().from(events)).toHaveLength(0);
  });

  it("leaves Save draft a draft", async () => {
    const { id } = await createEventDraft(organizer, input());
    const [row] = await database.db.select({ status: events.status }).from(events).where(eq(events.id, id));
    expect(row!.status).toBe("draft");
  });
});

describe("newEventFormDefaults", () => {
  it("fills the next weekday at 14:00 in the organizer's zone, one hour, virtual", async () => {
    // Tuesday 2026-12-01 08:00 in Chicago.
    const values = await newEventFormDefaults(organizer, new Date("2026-12-01T14:00:00Z"));
    expect(values).toMatchObject({ date: "2026-12-01", startTime: "14:00", endTime: "15:00", timeZone: "America/Chicago", format: "virtual" });
    expect(values.title).toBe("");
  });

  it("passes over a slot a published event starts at, but not one a draft or a cancelled event holds", async () => {
    const now = new Date("2026-12-01T14:00:00Z");
    const tuesday2pm = new Date("2026-12-01T20:00:00Z"); // 14:00 in Chicago
    const at = { startsAt: tuesday2pm, endsAt: new Date(tuesday2pm.getTime() + hours(1)), timeZone: "America/Chicago" };
    await createEventDraft(organizer, input(at), now);
    const cancelled = await createPublishedEvent(organizer, input(at), now);
    await database.db.update(events).set({ status: "cancelled" }).where(eq(events.id, cancelled.id));
    expect((await newEventFormDefaults(organizer, now)).date).toBe("2026-12-01");

    await createPublishedEvent(organizer, input(at), now);
    expect((await newEventFormDefaults(organizer, now)).date).toBe("2026-12-02");
  });

  it("is for organizers only", async () => {
    await expectAppError(newEventFormDefaults(viewerOf(await createMember(database.db))), "forbidden");
  });
});

describe("listEventsForOrganizer ordering", () => {
  it("lists events not yet over soonest first (one under way among them), then past events most recent first", async () => {
    const now = new Date("2026-12-01T15:00:00Z");
    const make = async (title: string, startOffsetHours: number) => {
      const startsAt = new Date(now.getTime() + hours(startOffsetHours));
      await createEventDraft(organizer, input({ title, startsAt, endsAt: new Date(startsAt.getTime() + hours(2)) }));
    };
    await make("next month", 24 * 30);
    await make("last week", -24 * 7);
    await make("tomorrow", 24);
    await make("yesterday", -24);
    await make("under way", -1);
    await make("this week", 24 * 3);
    const { items } = await listEventsForOrganizer(organizer, { page: 1, now });
    expect(items.map((e) => e.title)).toEqual(["under way", "tomorrow", "this week", "next month", "yesterday", "last week"]);
  });
});

describe("unpublishRefusal", () => {
  it("refuses while anyone holds a seat or a place in line, and for anything not published", () => {
    expect(unpublishRefusal({ status: "published", activeRsvps: 0 })).toBeNull();
    expect(unpublishRefusal({ status: "published", activeRsvps: 1 })).toBe("People have RSVPed; cancel the event instead.");
    expect(unpublishRefusal({ status: "draft", activeRsvps: 0 })).toBe("Only a published event can be unpublished.");
  });

  it("is the refusal unpublishEvent gives", async () => {
    const { id } = await createEventDraft(organizer, input());
    await publishEvent(organizer, id);
    const member = await createMember(database.db);
    await database.db.insert(rsvps).values({ eventId: id, userId: member.id, status: "waitlisted" });
    expect((await expectAppError(unpublishEvent(organizer, id), "conflict")).message).toBe("People have RSVPed; cancel the event instead.");
  });
});

describe("pastStartWarning", () => {
  it("warns, without refusing, when a draft or published event starts in the past", () => {
    const now = new Date("2026-12-01T15:00:00Z");
    const before = new Date(now.getTime() - 60_000);
    expect(pastStartWarning({ status: "draft", startsAt: before }, now)).toMatch(/start time has passed/);
    expect(pastStartWarning({ status: "published", startsAt: before }, now)).toMatch(/start time has passed/);
    expect(pastStartWarning({ status: "published", startsAt: now }, now)).toBeNull();
    expect(pastStartWarning({ status: "cancelled", startsAt: before }, now)).toBeNull();
  });
});
