import { and, asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, rsvps } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { createEvent, createMember, createMembers, viewerOf, rsvpStatus } from "@/test/factories";
import { cancelRsvp, rsvpToEvent } from "./rsvp";

const database = useTestDatabase();

const statusOf = (eventId: string, userId: string) => rsvpStatus(database.db, eventId, userId);

async function mailKindsTo(email: string) {
  const rows = await database.db.select({ kind: outbox.kind }).from(outbox).where(eq(outbox.to, email)).orderBy(asc(outbox.id));
  return rows.map((row) => row.kind);
}

async function queue(eventId: string) {
  const rows = await database.db
    .select({ userId: rsvps.userId })
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.status, "waitlisted")))
    .orderBy(asc(rsvps.queuedAt), asc(rsvps.id));
  return rows.map((row) => row.userId);
}

describe("RSVP rules", () => {
  it("gives a seat while there is one, then a waitlist place, and emails each person", async () => {
    const event = await createEvent(database.db, { capacity: 2 });
    const [a, b, c] = await createMembers(database.db, 3);
    expect(await rsvpToEvent(viewerOf(a!), { eventId: event.id })).toEqual({
      status: "going",
      waitlistPosition: null,
      changed: true,
      goingCount: 1,
      joinUrl: event.joinUrl,
      hasInvite: true,
    });
    expect(await rsvpToEvent(viewerOf(b!), { eventId: event.id })).toMatchObject({ status: "going" });
    // Someone waiting is told the seat count but not where to join.
    expect(await rsvpToEvent(viewerOf(c!), { eventId: event.id })).toEqual({
      status: "waitlisted",
      waitlistPosition: 1,
      changed: true,
      goingCount: 2,
      joinUrl: null,
      hasInvite: false,
    });
    expect(await mailKindsTo(a!.email)).toEqual(["rsvp_confirmed"]);
    expect(await mailKindsTo(c!.email)).toEqual(["rsvp_waitlisted"]);
  });

  it("treats a second submission as the same RSVP: no new row, no new mail, same queue place", async () => {
    const event = await createEvent(database.db, { capacity: 1 });
    const [a, b, c] = await createMembers(database.db, 3);
    await rsvpToEvent(viewerOf(a!), { eventId: event.id });
    await rsvpToEvent(viewerOf(b!), { eventId: event.id });
    await rsvpToEvent(viewerOf(c!), { eventId: event.id });
    expect(await rsvpToEvent(viewerOf(b!), { eventId: event.id })).toEqual({
      status: "waitlisted",
      waitlistPosition: 1,
      changed: false,
      goingCount: 1,
      joinUrl: null,
      hasInvite: false,
    });
    expect(await rsvpToEvent(viewerOf(a!), { eventId: event.id })).toMatchObject({ status: "going", changed: false });
    const rows = await database.db.select().from(rsvps).where(eq(rsvps.eventId, event.id));
    expect(rows).toHaveLength(3);
    expect(await queue(event.id)).toEqual([b!.id, c!.id]);
    expect(await mailKindsTo(b!.email)).toEqual(["rsvp_waitlisted"]);
  });

  it("cancelling frees the seat for the first person waiting, who is told by email", async () => {
    const event = await createEvent(database.db, { capacity: 1 });
    const [a, b, c] = await createMembers(database.db, 3);
    for (const member of [a, b, c]) await rsvpToEvent(viewerOf(member!), { eventId: event.id });
    expect(await cancelRsvp(viewerOf(a!), { eventId: event.id })).toEqual({ changed: true, left: "going" });
    expect(await statusOf(event.id, a!.id)).toBe("cancelled");
    expect(await statusOf(event.id, b!.id)).toBe("going");
    expect(await statusOf(event.id, c!.id)).toBe("waitlisted");
    expect(await mailKindsTo(a!.email)).toEqual(["rsvp_confirmed", "rsvp_cancelled"]);
    expect(await mailKindsTo(b!.email)).toEqual(["rsvp_waitlisted", "rsvp_promoted"]);
    expect(await cancelRsvp(viewerOf(a!), { eventId: event.id })).toEqual({ changed: false, left: null });
  });

  it("leaving the waitlist promotes nobody", async () => {
    const event = await createEvent(database.db, { capacity: 1 });
    const [a, b, c] = await createMembers(database.db, 3);
    for (const member of [a, b, c]) await rsvpToEvent(viewerOf(member!), { eventId: event.id });
    expect(await cancelRsvp(viewerOf(b!), { eventId: event.id })).toEqual({ changed: true, left: "waitlisted" });
    expect(await statusOf(event.id, c!.id)).toBe("waitlisted");
    expect(await rsvpToEvent(viewerOf(b!), { eventId: event.id })).toEqual({
      status: "waitlisted",
      waitlistPosition: 2,
      changed: true,
      goingCount: 1,
      joinUrl: null,
      hasInvite: false,
    });
  });

  it.each([
    ["a draft", { status: "draft" as const }, "not_found"],
    ["a cancelled event", { status: "cancelled" as const }, "conflict"],
    ["an event that already started", { startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 3600_000) }, "conflict"],
    ["an event whose RSVP deadline passed", { rsvpDeadline: new Date(Date.now() - 60_000) }, "conflict"],
  ])("refuses an RSVP to %s with a clear message", async (_label, overrides, kind) => {
    const event = await createEvent(database.db, overrides);
    const member = await createMember(database.db);
    await expect(rsvpToEvent(viewerOf(member), { eventId: event.id })).rejects.toMatchObject({ kind });
    expect(await statusOf(event.id, member.id)).toBeUndefined();
    expect(await mailKindsTo(member.email)).toEqual([]);
  });

  it("asks visitors to sign in and people who have not joined to finish joining", async () => {
    const event = await createEvent(database.db);
    await expect(rsvpToEvent(null, { eventId: event.id })).rejects.toMatchObject({ kind: "unauthenticated" });
    const newcomer = await createMember(database.db, { guidelinesAcceptedAt: null });
    await expect(rsvpToEvent(viewerOf(newcomer), { eventId: event.id })).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("lets everyone in when the event has no capacity", async () => {
    const event = await createEvent(database.db, { capacity: null });
    const members = await createMembers(database.db, 5);
    for (const member of members) {
      expect(await rsvpToEvent(viewerOf(member), { eventId: event.id })).toMatchObject({ status: "going" });
    }
  });
});

describe("RSVP races on PostgreSQL", () => {
  // PGlite runs one transaction at a time, so a race there would prove nothing.
  const onPostgres = () => database.driver === "postgres";

  it("200 members at once for 20 seats: exactly 20 going, 180 waitlisted in arrival order", async ({ skip }) => {
    if (!onPostgres()) skip("needs PostgreSQL (set DATABASE_URL)");
    const event = await createEvent(database.db, { capacity: 20 });
    const members = await createMembers(database.db, 200);
    const results = await Promise.all(members.map((m) => rsvpToEvent(viewerOf(m), { eventId: event.id })));

    expect(results.filter((r) => r.status === "going")).toHaveLength(20);
    const waitlisted = results.map((result, i) => ({ ...result, userId: members[i]!.id })).filter((r) => r.status === "waitlisted");
    expect(waitlisted).toHaveLength(180);
    // Each waitlister was told their place when their turn came; the queue matches those places exactly.
    const byPosition = [...waitlisted].sort((x, y) => x.waitlistPosition! - y.waitlistPosition!);
    expect(byPosition.map((r) => r.waitlistPosition)).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
    expect(await queue(event.id)).toEqual(byPosition.map((r) => r.userId));
    const rows = await database.db.select().from(rsvps).where(eq(rsvps.eventId, event.id));
    expect(rows).toHaveLength(200);
  });

  it("cancellations and new RSVPs at once never exceed capacity and promote once per freed seat", async ({ skip }) => {
    if (!onPostgres()) skip("needs PostgreSQL (set DATABASE_URL)");
    const event = await createEvent(database.db, { capacity: 20 });
    const firstWave = await createMembers(database.db, 50);
    for (const member of firstWave) await rsvpToEvent(viewerOf(member), { eventId: event.id });
    const initialQueue = await queue(event.id);
    expect(initialQueue).toHaveLength(30);

    const leaving = firstWave.slice(0, 10);
    const arriving = await createMembers(database.db, 20);
    await Promise.all([
      ...leaving.map((m) => cancelRsvp(viewerOf(m), { eventId: event.id })),
      ...arriving.map((m) => rsvpToEvent(viewerOf(m), { eventId: event.id })),
    ]);

    const going = await database.db
      .select({ userId: rsvps.userId })
      .from(rsvps)
      .where(and(eq(rsvps.eventId, event.id), eq(rsvps.status, "going")));
    expect(going).toHaveLength(20);
    const promotedIds = initialQueue.slice(0, 10);
    expect(going.map((r) => r.userId).sort()).toEqual([...firstWave.slice(10, 20).map((m) => m.id), ...promotedIds].sort());
    const emailOf = new Map(firstWave.map((m) => [m.id, m.email]));
    const promotionMails = await database.db
      .select({ to: outbox.to })
      .from(outbox)
      .where(
        and(
          eq(outbox.kind, "rsvp_promoted"),
          inArray(
            outbox.to,
            firstWave.map((m) => m.email),
          ),
        ),
      );
    expect(promotionMails.map((m) => m.to).sort()).toEqual(promotedIds.map((id) => emailOf.get(id)).sort());
    expect(await queue(event.id)).toHaveLength(40);
  });
});

describe("members who leave", () => {
  it("deleting an account gives its seat to the first person waiting", async () => {
    const { deleteOwnAccount } = await import("@/lib/members/account");
    const event = await createEvent(database.db, { capacity: 1 });
    const [leaver, waiting] = await createMembers(database.db, 2);
    await rsvpToEvent(viewerOf(leaver!), { eventId: event.id });
    await rsvpToEvent(viewerOf(waiting!), { eventId: event.id });
    await deleteOwnAccount(viewerOf(leaver!), { confirmEmail: leaver!.email });
    expect(await statusOf(event.id, waiting!.id)).toBe("going");
    expect(await mailKindsTo(waiting!.email)).toEqual(["rsvp_waitlisted", "rsvp_promoted"]);
    expect(await mailKindsTo(leaver!.email)).toEqual(["rsvp_confirmed"]);
  });
});
