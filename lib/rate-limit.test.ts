import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rateLimits } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { consumeRateLimits, MAX_RATE_LIMIT_WINDOW_MS, sweepRateLimits } from "./rate-limit";

const database = useTestDatabase();
const minute = 60_000;

describe("rate limits kept in the database", () => {
  it("allows the limit within the window, refuses the next, and says when a place frees up", async () => {
    const start = new Date("2030-01-01T12:00:00Z");
    const rule = { bucket: "test:a", limit: 3, windowMs: 15 * minute };
    for (let i = 0; i < 3; i++) {
      expect(await consumeRateLimits([rule], new Date(start.getTime() + i * minute))).toEqual({ allowed: true });
    }
    expect(await consumeRateLimits([rule], new Date(start.getTime() + 5 * minute))).toEqual({
      allowed: false,
      retryAt: new Date(start.getTime() + 15 * minute),
    });
    // The oldest hit ages out of the window, and its row is dropped.
    expect(await consumeRateLimits([rule], new Date(start.getTime() + 15 * minute + 1))).toEqual({ allowed: true });
    const rows = await database.db.select().from(rateLimits).where(eq(rateLimits.bucket, "test:a"));
    expect(rows).toHaveLength(3);
  });

  it("counts nothing when any rule refuses", async () => {
    const now = new Date("2030-02-01T12:00:00Z");
    const tight = { bucket: "test:tight", limit: 1, windowMs: minute };
    const loose = { bucket: "test:loose", limit: 2, windowMs: minute };
    expect(await consumeRateLimits([tight, loose], now)).toEqual({ allowed: true });
    expect((await consumeRateLimits([tight, loose], now)).allowed).toBe(false);
    expect(await consumeRateLimits([loose], now)).toEqual({ allowed: true });
    expect((await consumeRateLimits([loose], now)).allowed).toBe(false);
  });
});

describe("concurrent hits", () => {
  it("admit exactly the limit, however many arrive at once", async () => {
    const now = new Date("2030-03-01T12:00:00Z");
    const rules = [
      { bucket: "test:race:narrow", limit: 5, windowMs: 15 * minute },
      { bucket: "test:race:wide", limit: 50, windowMs: 15 * minute },
    ];
    const results = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimits(rules, now)));
    expect(results.filter((result) => result.allowed)).toHaveLength(5);
    expect(await database.db.select().from(rateLimits).where(eq(rateLimits.bucket, "test:race:narrow"))).toHaveLength(5);
    expect(await database.db.select().from(rateLimits).where(eq(rateLimits.bucket, "test:race:wide"))).toHaveLength(5);
  });
});

describe("sweeping", () => {
  it("drops rows older than the longest window, from buckets nobody hits again, and keeps the rest", async () => {
    const old = new Date("2030-05-01T00:00:00Z");
    const rule = (bucket: string) => ({ bucket, limit: 5, windowMs: 15 * minute });
    await consumeRateLimits([rule("test:seen-once")], old);
    await consumeRateLimits([rule("test:recent")], new Date(old.getTime() + MAX_RATE_LIMIT_WINDOW_MS));
    expect(await sweepRateLimits(new Date(old.getTime() + MAX_RATE_LIMIT_WINDOW_MS + minute))).toBeGreaterThanOrEqual(1);
    expect(await database.db.select().from(rateLimits).where(eq(rateLimits.bucket, "test:seen-once"))).toEqual([]);
    expect(await database.db.select().from(rateLimits).where(eq(rateLimits.bucket, "test:recent"))).toHaveLength(1);
  });

  it("refuses a rule whose window the sweep would cut short", async () => {
    await expect(consumeRateLimits([{ bucket: "test:long", limit: 1, windowMs: MAX_RATE_LIMIT_WINDOW_MS + 1 }])).rejects.toThrow(/longer than/);
  });
});

describe("the scheduler's tick", () => {
  it("sweeps rate-limit rows past the longest window", async () => {
    const { startNotificationScheduler } = await import("@/lib/notifications/scheduler");
    await database.db.insert(rateLimits).values({ bucket: "test:ancient", hitAt: new Date(Date.now() - MAX_RATE_LIMIT_WINDOW_MS - minute) });
    const stop = startNotificationScheduler({ intervalMs: 60 * minute });
    try {
      await expect
        .poll(async () => (await database.db.select().from(rateLimits).where(eq(rateLimits.bucket, "test:ancient"))).length, { timeout: 10_000 })
        .toBe(0);
    } finally {
      await stop();
    }
  });
});
