import { describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/db/testing";
import { databaseSnapshot, formData } from "@/test/db-snapshot";
import { createEvent, createMembers, viewerOf, rsvpStatus } from "@/test/factories";
import type { Viewer } from "@/lib/viewer";
import { rsvpToEvent } from "./rsvp";

const viewerNow = vi.hoisted(() => ({ current: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => viewerNow.current, getHeaderViewer: async () => null }));
vi.mock("next/cache", () => import("@/test/fixtures").then((fixtures) => fixtures.nextCacheStub));

/** The RSVP panel's cancel asks first: only the second answer, "Yes, cancel", gives the seat away. */
const database = useTestDatabase();

const statusOf = (eventId: string, userId: string) => rsvpStatus(database.db, eventId, userId);

describe("cancelling an RSVP through the panel's action", () => {
  it("asks first, keeps the seat on 'Keep my seat', and cancels (promoting the first person waiting) only on 'Yes, cancel'", async () => {
    const [going, waiting] = await createMembers(database.db, 2);
    const event = await createEvent(database.db, { capacity: 1 });
    await rsvpToEvent(viewerOf(going!), { eventId: event.id });
    await rsvpToEvent(viewerOf(waiting!), { eventId: event.id });
    viewerNow.current = viewerOf(going!);
    const { changeRsvp } = await import("@/app/(site)/events/[slug]/actions");
    const before = await databaseSnapshot(database.db);

    expect(await changeRsvp({ status: "idle" }, formData({ eventId: event.id, intent: "cancel" }))).toEqual({ status: "confirm" });
    expect(await changeRsvp({ status: "confirm" }, formData({ eventId: event.id, intent: "keep" }))).toEqual({
      status: "success",
      message: "Nothing changed: you keep your place.",
    });
    // Neither the question nor "Keep my seat" wrote anything: no RSVP change, no mail, no audit row.
    expect(await databaseSnapshot(database.db)).toBe(before);

    const cancelled = await changeRsvp({ status: "confirm" }, formData({ eventId: event.id, intent: "cancel-confirmed" }));
    expect(cancelled).toMatchObject({ status: "success", message: "Your RSVP is cancelled.", view: { rsvp: { status: "cancelled" } } });
    expect(await statusOf(event.id, going!.id)).toBe("cancelled");
    expect(await statusOf(event.id, waiting!.id)).toBe("going");
  });

  it("says what the member gave up: a seat ('Your RSVP is cancelled.'), a place in line ('You left the waitlist.'), or nothing", async () => {
    const [going, waiting] = await createMembers(database.db, 2);
    const event = await createEvent(database.db, { capacity: 1 });
    await rsvpToEvent(viewerOf(going!), { eventId: event.id });
    await rsvpToEvent(viewerOf(waiting!), { eventId: event.id });
    const { changeRsvp } = await import("@/app/(site)/events/[slug]/actions");
    const cancel = () => changeRsvp({ status: "confirm" }, formData({ eventId: event.id, intent: "cancel-confirmed" }));

    viewerNow.current = viewerOf(waiting!);
    const left = await cancel();
    expect(left).toMatchObject({ status: "success", message: "You left the waitlist.", view: { rsvp: { status: "cancelled" } } });
    expect(left.message).not.toMatch(/RSVP is cancelled/);
    // The member who was going keeps the seat: leaving the line gives nobody anything.
    expect(await statusOf(event.id, going!.id)).toBe("going");
    // A second "Yes" (a resubmitted page) claims no cancellation that did not happen.
    expect(await cancel()).toMatchObject({ status: "success", message: "You had no RSVP for this event, so nothing changed." });

    viewerNow.current = viewerOf(going!);
    expect(await cancel()).toMatchObject({ status: "success", message: "Your RSVP is cancelled." });
    expect(await statusOf(event.id, going!.id)).toBe("cancelled");
  });

  it("the confirmed cancel is still decided in lib/: a signed-out request is refused and changes nothing", async () => {
    const [going] = await createMembers(database.db, 1);
    const event = await createEvent(database.db, { capacity: 1 });
    await rsvpToEvent(viewerOf(going!), { eventId: event.id });
    viewerNow.current = null;
    const { changeRsvp } = await import("@/app/(site)/events/[slug]/actions");
    const before = await databaseSnapshot(database.db);
    const state = await changeRsvp({ status: "confirm" }, formData({ eventId: event.id, intent: "cancel-confirmed" }));
    expect(state.status).toBe("error");
    expect(await databaseSnapshot(database.db)).toBe(before);
  });
});
