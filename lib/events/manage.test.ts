import { asc, eq, getTableColumns } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, events, outbox, rsvps, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/viewer";
import { clearTables, createMember, createMembers, eventInput as input, viewerOf } from "@/test/factories";
import type { EventInput } from "./event-schema";
import { cancelEvent, createEventDraft, duplicateEvent, publishEvent, unpublishEvent, updateEvent } from "./manage";
import { getEventForEditing, listEventsForOrganizer, MANAGE_PAGE_SIZE } from "./manage-read";
import { NOT_COPIED } from "./model";
import { sendDueNotifications } from "@/lib/notifications/send";
import { UPDATE_QUIET_MS } from "./updates";
import { expectAppError } from "@/test/fixtures";

/** The batched update goes once the organizer has been quiet for UPDATE_QUIET_MS. */
async function afterQuietPeriod() {
  await sendDueNotifications({ db: database.db, now: new Date(Date.now() + UPDATE_QUIET_MS + 1000) });
}

const database = useTestDatabase();

let organizer: Viewer;

beforeEach(async () => {
  await clearTables(database.db, outbox, auditLog, rsvps, events, users);
  organizer = viewerOf(await createMember(database.db, { role: "organizer", email: "organizer@gsa.gov" }));
});

async function eventRow(id: string) {
  const [row] = await database.db.select().from(events).where(eq(events.id, id));
  return row!;
}

async function publishedEvent(overrides: Partial<EventInput> = {}) {
  const { id } = await createEventDraft(organizer, input(overrides));
  await publishEvent(organizer, id);
  return id;
}

async function rsvp(eventId: string, userId: string, status: "going" | "waitlisted" | "cancelled", queuedAt: string) {
  await database.db.insert(rsvps).values({ eventId, userId, status, queuedAt: new Date(queuedAt) });
}

async function mail(kind?: string) {
  const rows = await database.db.select({ to: outbox.to, kind: outbox.kind, text: outbox.text }).from(outbox).orderBy(asc(outbox.id));
  return kind ? rows.filter((row) => row.kind === kind) : rows;
}

async function audits(action: string) {
  return database.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id));
}

async function statuses(eventId: string) {
  const rows = await database.db
    .select({ email: users.email, status: rsvps.status })
    .from(rsvps)
    .innerJoin(users, eq(users.id, rsvps.userId))
    .where(eq(rsvps.eventId, eventId))
    .orderBy(asc(rsvps.queuedAt));
  return Object.fromEntries(rows.map((row) => [row.email, row.status]));
}

describe("authorization", () => {
  it("refuses members from every function, and signed-out callers as unauthenticated", async () => {
    const id = await publishedEvent();
    const member = viewerOf(await createMember(database.db));
    await expectAppError(listEventsForOrganizer(member, { page: 1 }), "forbidden");
    await expectAppError(getEventForEditing(member, id), "forbidden");
    await expectAppError(createEventDraft(member, input()), "forbidden");
    await expectAppError(updateEvent(member, id, input({ title: "Hijacked" })), "forbidden");
    await expectAppError(publishEvent(member, id), "forbidden");
    await expectAppError(unpublishEvent(member, id), "forbidden");
    await expectAppError(duplicateEvent(member, id), "forbidden");
    await expectAppError(cancelEvent(member, id, { message: "No" }), "forbidden");
    await expectAppError(listEventsForOrganizer(null, { page: 1 }), "unauthenticated");
    expect((await eventRow(id)).title).toBe("Plain Language for Social Media");
    expect(await database.db.select().from(events)).toHaveLength(1);
  });

  it("lets an admin in too", async () => {
    const admin = viewerOf(await createMember(database.db, { role: "admin" }));
    const { id } = await createEventDraft(admin, input());
    expect((await getEventForEditing(admin, id)).status).toBe("draft");
  });

  it("answers a missing or malformed id with not found", async () => {
    await expectAppError(getEventForEditing(organizer, "00000000-0000-4000-8000-000000000000"), "not_found");
    await expectAppError(getEventForEditing(organizer, "not-a-uuid"), "not_found");
    await expectAppError(publishEvent(organizer, "'; drop table events; --"), "not_found");
  });
});

describe("createEventDraft and slugs", () => {
  it("creates a draft with a readable slug from the title and start date, and audits it", async () => {
    const created = await createEventDraft(organizer, input());
    expect(created.slug).toBe("plain-language-for-social-2030-12-03");
    const row = await eventRow(created.id);
    expect(row).toMatchObject({ status: "draft", createdBy: organizer.id, sequence: 0, publishedAt: null, tags: ["plain-language"] });
    expect(await audits("event.created")).toEqual([expect.objectContaining({ actorId: organizer.id, targetId: created.id })]);
  });

  it("uses the date in the event's zone", async () => {
    // 02:00 UTC on Dec 4 is still Dec 3 in Honolulu.
    const created = await createEventDraft(
      organizer,
      input({ title: "Aloha", startsAt: new Date("2030-12-04T02:00:00Z"), endsAt: new Date("2030-12-04T03:00:00Z"), timeZone: "Pacific/Honolulu" }),
    );
    expect(created.slug).toBe("aloha-2030-12-03");
  });

  it("adds -2, -3 when the slug is taken", async () => {
    const slugs = [];
    for (let i = 0; i < 3; i++) slugs.push((await createEventDraft(organizer, input())).slug);
    expect(slugs).toEqual(["plain-language-for-social-2030-12-03", "plain-language-for-social-2030-12-03-2", "plain-language-for-social-2030-12-03-3"]);
  });

  it("gives drafts saved at the same moment different slugs", async () => {
    const created = await Promise.all(Array.from({ length: 5 }, () => createEventDraft(organizer, input())));
    expect(new Set(created.map((event) => event.slug)).size).toBe(5);
  });

  it("regenerates the slug while the event is an unpublished draft, and never after it was published", async () => {
    const { id } = await createEventDraft(organizer, input());
    await updateEvent(organizer, id, input({ summary: "Only the summary changed." }));
    expect((await eventRow(id)).slug).toBe("plain-language-for-social-2030-12-03");

    const renamed = await updateEvent(organizer, id, input({ title: "Accessible Video Captions" }));
    expect(renamed.slug).toBe("accessible-video-captions-2030-12-03");

    await publishEvent(organizer, id);
    await updateEvent(organizer, id, input({ title: "Captions That Work" }));
    expect((await eventRow(id)).slug).toBe("accessible-video-captions-2030-12-03");

    await unpublishEvent(organizer, id);
    await updateEvent(organizer, id, input({ title: "Captions, Again" }));
    expect((await eventRow(id)).slug).toBe("accessible-video-captions-2030-12-03");
  });

  it("keeps a numbered slug when the title stays the same", async () => {
    await createEventDraft(organizer, input());
    const second = await createEventDraft(organizer, input());
    const updated = await updateEvent(organizer, second.id, input({ body: "New agenda" }));
    expect(updated.slug).toBe("plain-language-for-social-2030-12-03-2");
  });
});

describe("updateEvent", () => {
  it("emails everyone going (after the quiet period) and raises the sequence when the time changes on a published event", async () => {
    const id = await publishedEvent();
    const [going, waiting, gone] = await createMembers(database.db, 3);
    await rsvp(id, going!.id, "going", "2030-11-01T10:00:00Z");
    await rsvp(id, waiting!.id, "waitlisted", "2030-11-01T11:00:00Z");
    await rsvp(id, gone!.id, "cancelled", "2030-11-01T12:00:00Z");

    const result = await updateEvent(organizer, id, input({ startsAt: new Date("2030-12-03T20:00:00Z"), endsAt: new Date("2030-12-03T21:00:00Z") }));
    expect(result).toMatchObject({ changed: ["startsAt", "endsAt"], notified: 1 });
    expect((await eventRow(id)).sequence).toBe(1);
    expect(await mail("event_changed")).toEqual([]);
    await afterQuietPeriod();
    expect(await mail("event_changed")).toEqual([expect.objectContaining({ to: going!.email })]);
    const [updated] = await audits("event.updated");
    expect(updated).toMatchObject({ actorId: organizer.id, targetId: id, detail: expect.objectContaining({ changed: ["startsAt", "endsAt"] }) });
  });

  it.each([
    ["location", { format: "hybrid", location: "GSA Headquarters" }],
    ["joinUrl", { joinUrl: "https://gsa.zoomgov.com/j/999" }],
    ["timeZone", { timeZone: "America/Chicago" }],
  ] as const)("treats a %s change as a calendar change", async (_field, overrides) => {
    const id = await publishedEvent();
    const [going] = await createMembers(database.db, 1);
    await rsvp(id, going!.id, "going", "2030-11-01T10:00:00Z");
    await updateEvent(organizer, id, input(overrides as Partial<EventInput>));
    expect((await eventRow(id)).sequence).toBe(1);
    await afterQuietPeriod();
    expect(await mail("event_changed")).toHaveLength(1);
  });

  it("raises the sequence but emails nobody without an invite for a new title, and leaves drafts alone", async () => {
    const id = await publishedEvent();
    const [going] = await createMembers(database.db, 1);
    await rsvp(id, going!.id, "going", "2030-11-01T10:00:00Z");
    const result = await updateEvent(organizer, id, input({ title: "Plain Language, Revised", body: "New agenda" }));
    expect(result.changed).toEqual(["title", "body"]);
    // Subscribed calendars only pick up a changed title when SEQUENCE moves.
    expect((await eventRow(id)).sequence).toBe(1);
    await updateEvent(organizer, id, input({ title: "Plain Language, Revised", body: "Another agenda" }));
    expect((await eventRow(id)).sequence).toBe(1);

    const draft = await createEventDraft(organizer, input());
    await updateEvent(organizer, draft.id, input({ startsAt: new Date("2030-12-03T18:00:00Z") }));
    expect((await eventRow(draft.id)).sequence).toBe(0);
    await afterQuietPeriod();
    expect(await mail()).toEqual([]);
  });

  it("writes nothing when nothing changed", async () => {
    const id = await publishedEvent();
    expect((await updateEvent(organizer, id, input())).changed).toEqual([]);
    expect(await audits("event.updated")).toEqual([]);
  });

  it("refuses a capacity below the number going, naming the count", async () => {
    const id = await publishedEvent({ capacity: 5 });
    const people = await createMembers(database.db, 3);
    for (const [i, person] of people.entries()) await rsvp(id, person.id, "going", `2030-11-01T10:0${i}:00Z`);
    const error = await expectAppError(updateEvent(organizer, id, input({ capacity: 2, title: "Smaller room" })), "invalid");
    expect(error.message).toContain("3 people are already going");
    expect(error.fieldErrors?.capacity?.[0]).toContain("3");
    expect(await eventRow(id)).toMatchObject({ capacity: 5, title: "Plain Language for Social Media" });
    await updateEvent(organizer, id, input({ capacity: 3 }));
    expect((await eventRow(id)).capacity).toBe(3);
  });

  it("fills new seats from the waitlist in queue order when capacity rises, and audits the change", async () => {
    const id = await publishedEvent({ capacity: 1 });
    const [seated, first, second, third] = await createMembers(database.db, 4);
    await rsvp(id, seated!.id, "going", "2030-11-01T09:00:00Z");
    // Inserted out of order: the queue follows queuedAt, not insertion.
    await rsvp(id, third!.id, "waitlisted", "2030-11-01T12:00:00Z");
    await rsvp(id, first!.id, "waitlisted", "2030-11-01T10:00:00Z");
    await rsvp(id, second!.id, "waitlisted", "2030-11-01T11:00:00Z");

    const raised = await updateEvent(organizer, id, input({ capacity: 3 }));
    expect(raised.promoted).toEqual([first!.id, second!.id]);
    expect(await statuses(id)).toEqual({
      [seated!.email]: "going",
      [first!.email]: "going",
      [second!.email]: "going",
      [third!.email]: "waitlisted",
    });
    expect((await mail("rsvp_promoted")).map((m) => m.to)).toEqual([first!.email, second!.email]);
    expect(await audits("event.capacity_changed")).toEqual([expect.objectContaining({ detail: expect.objectContaining({ from: 1, to: 3 }) })]);

    const unlimited = await updateEvent(organizer, id, input({ capacity: null }));
    expect(unlimited.promoted).toEqual([third!.id]);
    expect((await audits("event.capacity_changed"))[1]?.detail).toMatchObject({ from: 3, to: null });
  });

  it("refuses to edit a cancelled event", async () => {
    const id = await publishedEvent();
    await cancelEvent(organizer, id, { message: "Speaker is ill." });
    await expectAppError(updateEvent(organizer, id, input({ title: "Back on" })), "conflict");
  });
});

describe("publishing", () => {
  it("publishes a draft once, with publishedAt and an audit row", async () => {
    const { id } = await createEventDraft(organizer, input());
    const now = new Date("2030-11-20T15:00:00Z");
    await publishEvent(organizer, id, now);
    expect(await eventRow(id)).toMatchObject({ status: "published", publishedAt: now });
    expect(await audits("event.published")).toEqual([expect.objectContaining({ targetId: id, actorId: organizer.id })]);
    await expectAppError(publishEvent(organizer, id), "conflict");
  });

  it("unpublishes only while nobody has an active RSVP", async () => {
    const id = await publishedEvent();
    const [person] = await createMembers(database.db, 1);
    await rsvp(id, person!.id, "waitlisted", "2030-11-01T10:00:00Z");
    const error = await expectAppError(unpublishEvent(organizer, id), "conflict");
    expect(error.message).toBe("People have RSVPed; cancel the event instead.");

    await database.db.update(rsvps).set({ status: "cancelled" }).where(eq(rsvps.eventId, id));
    await unpublishEvent(organizer, id);
    expect((await eventRow(id)).status).toBe("draft");
    expect(await audits("event.unpublished")).toHaveLength(1);
    await expectAppError(unpublishEvent(organizer, id), "conflict");
  });
});

describe("duplicateEvent", () => {
  it("copies into a new draft a week later at the same local time, with a new slug and no RSVPs", async () => {
    // Oct 29 is daylight time, Nov 5 standard time: same 2 PM on the wall, an hour later in UTC.
    const id = await publishedEvent({
      startsAt: new Date("2030-10-29T18:00:00Z"),
      endsAt: new Date("2030-10-29T19:00:00Z"),
      rsvpDeadline: new Date("2030-10-28T18:00:00Z"),
      capacity: 40,
    });
    const [person] = await createMembers(database.db, 1);
    await rsvp(id, person!.id, "going", "2030-10-01T10:00:00Z");

    const copy = await duplicateEvent(organizer, id);
    expect(copy.slug).toBe("copy-of-plain-language-for-2030-11-05");
    expect(await eventRow(copy.id)).toMatchObject({
      title: "Copy of Plain Language for Social Media",
      status: "draft",
      sequence: 0,
      publishedAt: null,
      capacity: 40,
      startsAt: new Date("2030-11-05T19:00:00Z"),
      endsAt: new Date("2030-11-05T20:00:00Z"),
      rsvpDeadline: new Date("2030-11-04T19:00:00Z"),
      hosts: [{ name: "Ana Ruiz", role: "Moderator" }],
      createdBy: organizer.id,
    });
    expect(await database.db.select().from(rsvps).where(eq(rsvps.eventId, copy.id))).toEqual([]);
    expect(await audits("event.duplicated")).toEqual([expect.objectContaining({ targetId: copy.id, detail: expect.objectContaining({ from: id }) })]);
    expect((await duplicateEvent(organizer, id)).slug).toBe("copy-of-plain-language-for-2030-11-05-2");
  });

  it("copies every column it does not name, so a field added to events comes along", async () => {
    const id = await publishedEvent({
      kind: "office_hours",
      format: "hybrid",
      timeZone: "America/Chicago",
      location: "GSA Headquarters, Room 1461",
      capacity: 12,
      tags: ["accessibility", "video"],
      hosts: [{ name: "Hannah Kim", role: "Host", agency: "VA" }],
    });
    const source = await eventRow(id);
    const copy = await eventRow((await duplicateEvent(organizer, id)).id);
    const copied = Object.keys(getTableColumns(events)).filter((column) => !(NOT_COPIED as readonly string[]).includes(column));
    expect(copied.length).toBeGreaterThan(8);
    const pick = (row: typeof source) => Object.fromEntries(copied.map((column) => [column, row[column as keyof typeof row]]));
    expect(pick(copy)).toEqual(pick(source));
  });
});

describe("cancelEvent", () => {
  it("cancels, raises the sequence and tells everyone going or waitlisted with the message", async () => {
    const id = await publishedEvent();
    const [going, waiting, gone, disabled] = await createMembers(database.db, 4);
    await database.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled!.id));
    await rsvp(id, going!.id, "going", "2030-11-01T10:00:00Z");
    await rsvp(id, waiting!.id, "waitlisted", "2030-11-01T11:00:00Z");
    await rsvp(id, gone!.id, "cancelled", "2030-11-01T12:00:00Z");
    await rsvp(id, disabled!.id, "going", "2030-11-01T13:00:00Z");

    const now = new Date("2030-11-20T15:00:00Z");
    const result = await cancelEvent(organizer, id, { message: "  The speaker is ill. We will reschedule.  " }, now);
    expect(result.notified).toBe(2);
    expect(await eventRow(id)).toMatchObject({
      status: "cancelled",
      cancelledAt: now,
      cancellationMessage: "The speaker is ill. We will reschedule.",
      sequence: 1,
    });
    const sent = await mail("event_cancelled");
    expect(sent.map((m) => m.to)).toEqual([going!.email, waiting!.email]);
    expect(sent[0]!.text).toContain("The speaker is ill. We will reschedule.");
    expect(await audits("event.cancelled")).toEqual([
      expect.objectContaining({ targetId: id, detail: expect.objectContaining({ message: "The speaker is ill. We will reschedule." }) }),
    ]);
    await expectAppError(cancelEvent(organizer, id, { message: "Again" }), "conflict");
  });

  it("needs a message, and a published event", async () => {
    const id = await publishedEvent();
    const error = await expectAppError(cancelEvent(organizer, id, { message: "   " }), "invalid");
    expect(error.fieldErrors?.message).toEqual(["Tell attendees why the event is cancelled."]);
    const draft = await createEventDraft(organizer, input());
    await expectAppError(cancelEvent(organizer, draft.id, { message: "Never mind" }), "conflict");
    expect((await eventRow(id)).status).toBe("published");
  });
});

describe("reading for organizers", () => {
  it("lists every status with counts, filters and pages in bounded pages", async () => {
    for (let i = 0; i < MANAGE_PAGE_SIZE + 2; i++) await createEventDraft(organizer, input({ title: `Draft ${i}` }));
    const published = await publishedEvent({ capacity: 10 });
    const [person] = await createMembers(database.db, 1);
    await rsvp(published, person!.id, "going", "2030-11-01T10:00:00Z");

    const all = await listEventsForOrganizer(organizer, { page: 1 });
    expect(all).toMatchObject({ total: MANAGE_PAGE_SIZE + 3, pageCount: 2 });
    expect(all.items).toHaveLength(MANAGE_PAGE_SIZE);
    expect((await listEventsForOrganizer(organizer, { page: 2 })).items).toHaveLength(3);
    expect((await listEventsForOrganizer(organizer, { page: 99_999 })).page).toBe(1000);

    const onlyPublished = await listEventsForOrganizer(organizer, { status: "published", page: 1 });
    expect(onlyPublished.items).toEqual([expect.objectContaining({ id: published, goingCount: 1, capacity: 10 })]);

    const editing = await getEventForEditing(organizer, published);
    expect(editing).toMatchObject({ goingCount: 1, waitlistCount: 0, joinUrl: "https://gsa.zoomgov.com/j/1612345678" });
  });
});
