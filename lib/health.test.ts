import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDbHandle, openPglite, type DbHandle } from "@/db";
import { outbox } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { checkReadiness, OUTBOX_STUCK_MS, type Journal } from "./health";

const ticking = (now: number) => ({ intervalMs: 5_000, lastTickAt: now - 1_000, runStartedAt: null });

describe("readiness on a migrated database", () => {
  const database = useTestDatabase();

  it("is ready when the database answers, every migration is applied and mail is moving", async () => {
    const now = Date.now();
    const readiness = await checkReadiness({ db: database.db, smtpConfigured: true, deliverer: ticking(now), now });
    expect(readiness.checks.migrations).toEqual({ ok: true, detail: expect.stringMatching(/^all \d+ applied$/) });
    expect(readiness.ok).toBe(true);
  });

  it("names a migration the journal has and the database lacks", async () => {
    const journal = JSON.parse(fs.readFileSync("db/migrations/meta/_journal.json", "utf8")) as Journal;
    journal.entries.push({ ...journal.entries.at(-1)!, when: journal.entries.at(-1)!.when + 1000, tag: "9999_not_yet" });
    const now = Date.now();
    const readiness = await checkReadiness({ db: database.db, journal, smtpConfigured: true, deliverer: ticking(now), now });
    expect(readiness.ok).toBe(false);
    expect(readiness.checks.migrations).toEqual({ ok: false, detail: `1 of ${journal.entries.length} not applied: 9999_not_yet` });
  });

  it("fails the outbox check for a message due long ago that no deliverer claimed, not for one waiting out a retry", async () => {
    const now = Date.now();
    await database.db.insert(outbox).values({
      to: "x@agency.gov",
      subject: "retrying",
      text: "x",
      kind: "test",
      attempts: 3,
      createdAt: new Date(now - 4 * OUTBOX_STUCK_MS),
      nextAttemptAt: new Date(now + OUTBOX_STUCK_MS),
    });
    const ready = await checkReadiness({ db: database.db, smtpConfigured: true, deliverer: ticking(now), now });
    expect(ready.checks.outbox.ok).toBe(true);

    await database.db
      .insert(outbox)
      .values({ to: "y@agency.gov", subject: "stuck", text: "y", kind: "test", nextAttemptAt: new Date(now - 2 * OUTBOX_STUCK_MS) });
    const stuck = await checkReadiness({ db: database.db, smtpConfigured: true, deliverer: ticking(now), now });
    expect(stuck.ok).toBe(false);
    expect(stuck.checks.outbox).toEqual({ ok: false, detail: "1 pending message(s) overdue and unclaimed, the oldest for 30 minutes" });
    expect(JSON.stringify(stuck)).not.toContain("agency.gov");
  });

  it("fails the deliverer check when none runs or its loop stopped, and skips both mail checks without SMTP_URL", async () => {
    const now = Date.now();
    const none = await checkReadiness({ db: database.db, smtpConfigured: true, deliverer: null, now });
    expect(none.checks.deliverer.ok).toBe(false);
    const stalled = await checkReadiness({
      db: database.db,
      smtpConfigured: true,
      deliverer: { intervalMs: 5_000, lastTickAt: now - 10 * 60_000, runStartedAt: null },
      now,
    });
    expect(stalled.checks.deliverer).toEqual({ ok: false, detail: "no tick for 600 s" });
    const hung = await checkReadiness({
      db: database.db,
      smtpConfigured: true,
      deliverer: { intervalMs: 5_000, lastTickAt: now, runStartedAt: now - 6 * 60_000 },
      now,
    });
    expect(hung.checks.deliverer.ok).toBe(false);
    const withoutSmtp = await checkReadiness({ db: database.db, smtpConfigured: false, deliverer: null, now });
    expect(withoutSmtp.checks.outbox.detail).toMatch(/^skipped/);
    expect(withoutSmtp.checks.deliverer.detail).toMatch(/^skipped/);
  });
});

describe("readiness on a scratch database nobody migrated", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openPglite();
    installDbHandle(handle);
  });
  afterAll(async () => {
    installDbHandle(undefined);
    await handle.close();
  });

  it("answers 503 from /api/health/ready naming the migrations check, while /api/health/live answers 200", async () => {
    const { GET: ready } = await import("@/app/api/health/ready/route");
    const { GET: live } = await import("@/app/api/health/live/route");
    const response = await ready();
    expect(response.status).toBe(503);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { status: string; checks: Record<string, { ok: boolean; detail: string }> };
    expect(body.status).toBe("unavailable");
    expect(body.checks.database!.ok).toBe(true);
    expect(body.checks.migrations).toEqual({ ok: false, detail: expect.stringMatching(/^\d+ of \d+ not applied: 0000_init, /) });
    expect((await live()).status).toBe(200);
  });
});
