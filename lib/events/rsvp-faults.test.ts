import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { events, outbox, rsvps } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { isTransientDbError } from "@/db/retry";
import { AppError } from "@/lib/errors";
import { databaseSnapshot as snapshotOf, formData } from "@/test/db-snapshot";
import { createEvent, createMember, createMembers, viewerOf } from "@/test/factories";
import type { Viewer } from "@/lib/viewer";
import { cancelEvent } from "./manage";
import { RSVP_LOCKING, cancelRsvp, rsvpToEvent } from "./rsvp";

const viewerNow = vi.hoisted(() => ({ current: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => viewerNow.current, getHeaderViewer: async () => null }));
vi.mock("next/cache", () => import("@/test/fixtures").then((fixtures) => fixtures.nextCacheStub));

/** Faults in the middle of a seat change: nothing half-written, and a clear answer. */
const database = useTestDatabase();
const defaults = { ...RSVP_LOCKING };

afterEach(async () => {
  Object.assign(RSVP_LOCKING, defaults);
  await database.db.execute(sql`drop trigger if exists outbox_fault on outbox`);
});

/** Makes every outbox insert fail, as a full disk or a dropped connection would at that moment. */
async function breakOutbox() {
  await database.db.execute(sql`
    create or replace function outbox_fault() returns trigger language plpgsql as $$
    begin raise exception 'simulated failure while queueing mail'; end $$`);
  await database.db.execute(sql`create trigger outbox_fault before insert on outbox for each row execute function outbox_fault()`);
}

describe("a database error mid-request writes nothing", () => {
  it("an RSVP whose confirmation cannot be queued leaves no RSVP behind", async () => {
    const member = viewerOf(await createMember(database.db));
    const event = await createEvent(database.db, { capacity: 5 });
    await breakOutbox();
    const before = await snapshotOf(database.db);
    await expect(rsvpToEvent(member, { eventId: event.id })).rejects.toThrow();
    expect(await snapshotOf(database.db)).toBe(before);
  });

  it("the RSVP button's action answers with a retry message, not an error page", async () => {
    const member = await createMember(database.db);
    const event = await createEvent(database.db, { capacity: 5 });
    await breakOutbox();
    viewerNow.current = viewerOf(member);
    const { changeRsvp } = await import("@/app/(site)/events/[slug]/actions");
    const before = await snapshotOf(database.db);
    const state = await changeRsvp({ status: "idle" }, formData({ eventId: event.id, intent: "going" }));
    expect(state).toEqual({ status: "error", message: expect.stringMatching(/Nothing changed; please try again/) });
    expect(await snapshotOf(database.db)).toBe(before);
  });

  it("a cancellation that cannot promote and notify keeps the seat", async () => {
    const [leaving, waiting] = await createMembers(database.db, 2);
    const event = await createEvent(database.db, { capacity: 1 });
    await rsvpToEvent(viewerOf(leaving!), { eventId: event.id });
    await rsvpToEvent(viewerOf(waiting!), { eventId: event.id });
    await breakOutbox();
    const before = await snapshotOf(database.db);
    await expect(cancelRsvp(viewerOf(leaving!), { eventId: event.id })).rejects.toThrow();
    expect(await snapshotOf(database.db)).toBe(before);
  });

  it("cancelling an event whose notices cannot be queued leaves it published", async () => {
    const organizer = viewerOf(await createMember(database.db, { role: "organizer" }));
    const members = await createMembers(database.db, 3);
    const event = await createEvent(database.db);
    for (const m of members) await rsvpToEvent(viewerOf(m), { eventId: event.id });
    await breakOutbox();
    const before = await snapshotOf(database.db);
    await expect(cancelEvent(organizer, event.id, { message: "Sorry" })).rejects.toThrow();
    expect(await snapshotOf(database.db)).toBe(before);
    const [row] = await database.db.select({ status: events.status }).from(events).where(eq(events.id, event.id));
    expect(row?.status).toBe("published");
  });
});

describe("lock waits time out and are retried a bounded number of times (PostgreSQL)", () => {
  const onPostgres = () => database.driver === "postgres";

  /** Holds the event's row lock from another transaction for `ms`, as a slow request would. */
  function holdEventLock(eventId: string, ms: number) {
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const done = database.db.transaction(async (tx) => {
      await tx.select({ id: events.id }).from(events).where(eq(events.id, eventId)).for("update");
      locked();
      await new Promise((resolve) => setTimeout(resolve, ms));
    });
    return { isLocked, done };
  }

  it("a lock held a little longer than the timeout: the retry gets the seat", async ({ skip }) => {
    if (!onPostgres()) skip("needs PostgreSQL (PGlite runs one transaction at a time)");
    Object.assign(RSVP_LOCKING, { timeoutMs: 300, attempts: 3 });
    const member = viewerOf(await createMember(database.db));
    const event = await createEvent(database.db, { capacity: 5 });
    const holder = holdEventLock(event.id, 450);
    await holder.isLocked;
    const started = Date.now();
    await expect(rsvpToEvent(member, { eventId: event.id })).resolves.toMatchObject({ status: "going" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await holder.done;
  });

  it("a lock held past every retry: a 503 message, and nothing written", async ({ skip }) => {
    if (!onPostgres()) skip("needs PostgreSQL (PGlite runs one transaction at a time)");
    Object.assign(RSVP_LOCKING, { timeoutMs: 150, attempts: 3 });
    const member = viewerOf(await createMember(database.db));
    const event = await createEvent(database.db, { capacity: 5 });
    const holder = holdEventLock(event.id, 2_500);
    await holder.isLocked;
    const error = await rsvpToEvent(member, { eventId: event.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(503);
    expect((error as AppError).message).toMatch(/try again/);
    await holder.done;
    expect(await database.db.select().from(rsvps).where(eq(rsvps.eventId, event.id))).toEqual([]);
    expect(await database.db.select().from(outbox).where(eq(outbox.to, member.email))).toEqual([]);
  });
});

describe("isTransientDbError", () => {
  it.each([
    [{ code: "55P03" }, true],
    [{ code: "40P01" }, true],
    [{ message: "wrapped", cause: { code: "40001" } }, true],
    [{ code: "23505" }, false],
    [new Error("boom"), false],
    [null, false],
  ])("%j → %s", (error, transient) => {
    expect(isTransientDbError(error)).toBe(transient);
  });
});
