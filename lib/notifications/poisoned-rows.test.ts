import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { notifications, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { rsvpToEvent } from "@/lib/events/rsvp";
import { createEvent, createMember, viewerOf } from "@/test/factories";
import { NOTIFICATION_MAX_ATTEMPTS, sendDueNotifications } from "./send";
import { DAY, mailKindsTo, notificationsOf } from "./test-helpers";

const database = useTestDatabase();

describe("a notification that cannot be written", () => {
  it("does not stop the batch: the others are sent, it is retried with backoff, then marked failed", async () => {
    const now = new Date("2026-05-04T12:00:00Z");
    const event = await createEvent(database.db, { startsAt: new Date(now.getTime() + 3 * DAY) });
    const first = await createMember(database.db);
    const poisoned = await createMember(database.db);
    const last = await createMember(database.db);
    for (const member of [first, poisoned, last]) await rsvpToEvent(viewerOf(member), { eventId: event.id }, now);
    // An address the outbox refuses (an old row, a bad import): its reminder can never be queued.
    await database.db.update(users).set({ email: "not-an-address" }).where(eq(users.id, poisoned.id));

    const dayBefore = new Date(event.startsAt.getTime() - DAY);
    // One row per batch, so the poisoned one is a whole batch on its own, and the loop must get past it.
    const result = await sendDueNotifications({ now: dayBefore, batchSize: 1, db: database.db });
    expect(result).toMatchObject({ sent: 2, failed: 0, retried: 1 });
    expect(await mailKindsTo(database.db, first.email)).toContain("reminder_day");
    expect(await mailKindsTo(database.db, last.email)).toContain("reminder_day");

    const reminderOf = async () => (await notificationsOf(database.db, poisoned.id)).find((row) => row.kind === "reminder_day")!;
    let row = await reminderOf();
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringMatching(/invalid mail/) });
    expect(row.nextAttemptAt).toEqual(new Date(dayBefore.getTime() + 30_000));

    // Not before its next attempt is due.
    expect(await sendDueNotifications({ now: new Date(dayBefore.getTime() + 10_000), db: database.db })).toMatchObject({ sent: 0, retried: 0 });
    expect((await reminderOf()).attempts).toBe(1);

    // Each later attempt waits twice as long, until the last one marks it failed.
    let clock = dayBefore;
    for (let attempt = 2; attempt <= NOTIFICATION_MAX_ATTEMPTS; attempt++) {
      clock = (await reminderOf()).nextAttemptAt!;
      await sendDueNotifications({ now: clock, db: database.db });
      row = await reminderOf();
      expect(row.attempts).toBe(attempt);
      if (attempt < NOTIFICATION_MAX_ATTEMPTS) expect(row.nextAttemptAt!.getTime() - clock.getTime()).toBe(30_000 * 2 ** (attempt - 1));
    }
    expect(row).toMatchObject({ status: "failed", lastError: expect.stringMatching(/invalid mail/), outboxId: null, failedAt: clock });
    expect(await database.db.select().from(notifications).where(eq(notifications.status, "failed"))).toHaveLength(1);
  });

  it("a database error while queuing one row's mail rolls back that row only, not the batch", async () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const event = await createEvent(database.db, { startsAt: new Date(now.getTime() + 3 * DAY) });
    const ok = await createMember(database.db);
    const refused = await createMember(database.db, { email: "refused@agency.gov" });
    const alsoOk = await createMember(database.db);
    for (const member of [ok, refused, alsoOk]) await rsvpToEvent(viewerOf(member), { eventId: event.id }, now);
    // The database refuses one insert (as a full disk or a constraint would); without a savepoint
    // per row the error aborts the batch's transaction, and every row in it with it.
    await database.db.execute(sql`create function refuse_outbox_row() returns trigger language plpgsql as $$
      begin if new."to" = 'refused@agency.gov' then raise exception 'refused by the test'; end if; return new; end $$`);
    await database.db.execute(sql`create trigger refuse_outbox_row before insert on outbox for each row execute function refuse_outbox_row()`);
    try {
      const result = await sendDueNotifications({ now: new Date(event.startsAt.getTime() - DAY), db: database.db });
      expect(result).toMatchObject({ sent: 2, retried: 1 });
      expect(await mailKindsTo(database.db, ok.email)).toContain("reminder_day");
      expect(await mailKindsTo(database.db, alsoOk.email)).toContain("reminder_day");
      const [row] = (await notificationsOf(database.db, refused.id)).filter((n) => n.kind === "reminder_day");
      expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "refused by the test" });
    } finally {
      await database.db.execute(sql`drop trigger refuse_outbox_row on outbox`);
      await database.db.execute(sql`drop function refuse_outbox_row`);
    }
  });
});
