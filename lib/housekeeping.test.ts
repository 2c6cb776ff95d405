import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { housekeepingRuns, outbox, rateLimits, sessions, verificationTokens } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { clearTables, createMember } from "@/test/factories";
import { runDailyHousekeeping } from "./housekeeping";
import { MAX_RATE_LIMIT_WINDOW_MS } from "./rate-limit";

const database = useTestDatabase();
const hour = 60 * 60 * 1000;
const day = 24 * hour;
const now = new Date("2031-03-01T04:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

async function seed() {
  const db = database.db;
  const member = await createMember(db);
  await db.insert(sessions).values([
    { sessionToken: "expired", userId: member.id, expires: ago(hour) },
    { sessionToken: "current", userId: member.id, expires: new Date(now.getTime() + day) },
  ]);
  await db.insert(verificationTokens).values([
    { identifier: "a@agency.gov", token: "expired", expires: ago(1000) },
    { identifier: "a@agency.gov", token: "current", expires: new Date(now.getTime() + 10 * 60_000) },
  ]);
  await db.insert(rateLimits).values([
    { bucket: "test:old", hitAt: ago(MAX_RATE_LIMIT_WINDOW_MS + hour) },
    { bucket: "test:recent", hitAt: ago(hour) },
  ]);
  const mail = (kind: string, status: "pending" | "sent" | "failed", sentDaysAgo: number | null) => ({
    to: "a@agency.gov",
    subject: `Subject ${kind}`,
    text: `Body ${kind}`,
    html: `<p>Body ${kind}</p>`,
    calendar: { method: "REQUEST" as const, content: "BEGIN:VCALENDAR", filename: "invite.ics" },
    kind,
    status,
    createdAt: ago((sentDaysAgo ?? 200) * day),
    sentAt: sentDaysAgo === null ? null : ago(sentDaysAgo * day),
  });
  await db
    .insert(outbox)
    .values([mail("old-sent", "sent", 91), mail("recent-sent", "sent", 89), mail("old-pending", "pending", null), mail("old-failed", "failed", null)]);
}

async function outboxByKind() {
  const rows = await database.db.select().from(outbox);
  return Object.fromEntries(rows.map((row) => [row.kind, row]));
}

beforeEach(async () => {
  await clearTables(database.db, housekeepingRuns, sessions, verificationTokens, rateLimits, outbox);
  await seed();
});

describe("daily housekeeping", () => {
  it("removes expired sessions, verification tokens and rate-limit rows, and keeps the unexpired ones", async () => {
    const result = await runDailyHousekeeping({ now, retentionDays: 90 });
    expect(result).toEqual({
      ran: true,
      removed: {
        sessions: 1,
        verificationTokens: 1,
        rateLimits: 1,
        outboxBodies: 1,
        accommodationRequests: 0,
        auditEntries: 0,
        organizerMessages: 0,
        rsvps: 0,
        mailLog: 0,
      },
    });
    expect((await database.db.select().from(sessions)).map((row) => row.sessionToken)).toEqual(["current"]);
    expect((await database.db.select().from(verificationTokens)).map((row) => row.token)).toEqual(["current"]);
    expect((await database.db.select().from(rateLimits)).map((row) => row.bucket)).toEqual(["test:recent"]);
    const [run] = await database.db.select().from(housekeepingRuns);
    expect(run?.lastRunAt).toEqual(now);
    expect(run?.removed).toEqual(result.ran ? result.removed : null);
  });

  it("empties only the bodies of mail delivered before the retention period, keeping who, when and what about", async () => {
    await runDailyHousekeeping({ now, retentionDays: 90 });
    const rows = await outboxByKind();
    expect(rows["old-sent"]).toMatchObject({
      to: "a@agency.gov",
      subject: "Subject old-sent",
      sentAt: ago(91 * day),
      text: "",
      html: null,
      calendar: null,
      bodyRemovedAt: now,
    });
    for (const kind of ["recent-sent", "old-pending", "old-failed"]) {
      expect(rows[kind]).toMatchObject({ text: `Body ${kind}`, html: `<p>Body ${kind}</p>`, bodyRemovedAt: null });
      expect(rows[kind]?.calendar).not.toBeNull();
    }
  });

  it("keeps every body with OUTBOX_RETENTION_DAYS=0, and still removes the rest", async () => {
    const result = await runDailyHousekeeping({ now, retentionDays: 0 });
    expect(result).toMatchObject({ ran: true, removed: { sessions: 1, outboxBodies: 0 } });
    const rows = await outboxByKind();
    expect(rows["old-sent"]).toMatchObject({ text: "Body old-sent", bodyRemovedAt: null });
  });

  it("reads the retention period from OUTBOX_RETENTION_DAYS by default", async () => {
    const { resetEnvForTests } = await import("./env");
    const previous = process.env.OUTBOX_RETENTION_DAYS;
    process.env.OUTBOX_RETENTION_DAYS = "100";
    resetEnvForTests();
    try {
      expect(await runDailyHousekeeping({ now })).toMatchObject({ ran: true, removed: { outboxBodies: 0 } });
    } finally {
      if (previous === undefined) delete process.env.OUTBOX_RETENTION_DAYS;
      else process.env.OUTBOX_RETENTION_DAYS = previous;
      resetEnvForTests();
    }
  });

  it("does nothing when called again within 24 hours, and runs again after them", async () => {
    await runDailyHousekeeping({ now, retentionDays: 90 });
    const member = await createMember(database.db);
    await database.db.insert(sessions).values({ sessionToken: "expired-later", userId: member.id, expires: ago(1) });

    expect(await runDailyHousekeeping({ now: new Date(now.getTime() + day - 1000), retentionDays: 90 })).toEqual({ ran: false });
    expect(await database.db.select().from(sessions).where(eq(sessions.sessionToken, "expired-later"))).toHaveLength(1);
    const [run] = await database.db.select().from(housekeepingRuns);
    expect(run?.lastRunAt).toEqual(now);

    expect(await runDailyHousekeeping({ now: new Date(now.getTime() + day), retentionDays: 90 })).toMatchObject({
      ran: true,
      removed: { sessions: 1 },
    });
  });

  it("runs once when several processes call at the same moment", async () => {
    const results = await Promise.all(Array.from({ length: 4 }, () => runDailyHousekeeping({ now, retentionDays: 90 })));
    expect(results.filter((result) => result.ran)).toHaveLength(1);
    expect(results.filter((result) => !result.ran)).toHaveLength(3);
    expect(await database.db.select().from(sessions).where(eq(sessions.sessionToken, "expired"))).toEqual([]);
  });

  it("runs from the notification scheduler's tick (web server and worker alike)", async () => {
    const member = await createMember(database.db);
    await database.db.insert(sessions).values({ sessionToken: "expired-now", userId: member.id, expires: new Date(Date.now() - 1000) });
    const { startNotificationScheduler } = await import("@/lib/notifications/scheduler");
    const stop = startNotificationScheduler({ intervalMs: 60 * 60 * 1000 });
    try {
      await expect.poll(async () => (await database.db.select().from(housekeepingRuns)).length, { timeout: 10_000 }).toBe(1);
      expect(await database.db.select().from(sessions).where(eq(sessions.sessionToken, "expired-now"))).toEqual([]);
    } finally {
      await stop();
    }
  });
});
