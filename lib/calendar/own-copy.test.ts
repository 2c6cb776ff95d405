import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/db/testing";
import { cancelRsvp, rsvpToEvent } from "@/lib/events/rsvp";
import { createEvent, createMember, viewerOf } from "@/test/factories";
import { getViewerEventState } from "@/lib/events/queries";
import { getOwnEventCalendar } from "./own-copy";
import { onlyEvent, parseCalendar, readInvite, SITE, textOf, useCalendarEnv } from "./test-helpers";
import { asc, eq } from "drizzle-orm";
import { outbox } from "@/db/schema";

const database = useTestDatabase();
useCalendarEnv();

async function lastInvite(email: string) {
  const rows = await database.db.select().from(outbox).where(eq(outbox.to, email)).orderBy(asc(outbox.id));
  return readInvite(rows.filter((row) => row.calendar).at(-1)!.calendar!.content);
}

describe("a member's own .ics copy (item 6)", () => {
  it("gives someone going their invite's UID and SEQUENCE with the join link, and says the invite is in their calendar", async () => {
    const event = await createEvent(database.db);
    const member = await createMember(database.db);
    const viewer = viewerOf(member);
    await rsvpToEvent(viewer, { eventId: event.id });
    await cancelRsvp(viewer, { eventId: event.id });
    await rsvpToEvent(viewer, { eventId: event.id });
    const invite = await lastInvite(member.email);
    expect(invite).toMatchObject({ method: "REQUEST", sequence: 2 });

    const copy = await getOwnEventCalendar(viewer, { slug: event.slug });
    const vevent = onlyEvent(parseCalendar(copy!.body));
    expect(textOf(vevent, "uid")).toBe(invite.uid);
    expect(textOf(vevent, "uid")).toBe(`${event.id}@${new URL(SITE).host}`);
    // Not lower than the invite's, or the calendar would keep the invite and ignore the file.
    expect(Number(textOf(vevent, "sequence"))).toBe(2);
    expect(textOf(vevent, "status")).toBe("CONFIRMED");
    expect(textOf(vevent, "description")).toContain(event.joinUrl!);
    expect((await getViewerEventState({ eventId: event.id, viewer: viewer })).hasInvite).toBe(true);
  });

  it("marks a waitlisted member's copy TENTATIVE without the join link, and offers them no invite notice", async () => {
    const event = await createEvent(database.db, { capacity: 1 });
    await rsvpToEvent(viewerOf(await createMember(database.db)), { eventId: event.id });
    const waiting = viewerOf(await createMember(database.db));
    await rsvpToEvent(waiting, { eventId: event.id });
    const vevent = onlyEvent(parseCalendar((await getOwnEventCalendar(waiting, { slug: event.slug }))!.body));
    expect(textOf(vevent, "status")).toBe("TENTATIVE");
    expect(textOf(vevent, "description")).not.toContain(event.joinUrl!);
    expect((await getViewerEventState({ eventId: event.id, viewer: waiting })).hasInvite).toBe(false);
  });

  it("leaves everyone without an active RSVP to the public file", async () => {
    const event = await createEvent(database.db);
    const member = viewerOf(await createMember(database.db));
    expect(await getOwnEventCalendar(member, { slug: event.slug })).toBeNull();
    await rsvpToEvent(member, { eventId: event.id });
    await cancelRsvp(member, { eventId: event.id });
    expect(await getOwnEventCalendar(member, { slug: event.slug })).toBeNull();
    expect((await getViewerEventState({ eventId: event.id, viewer: member })).hasInvite).toBe(false);
  });
});
