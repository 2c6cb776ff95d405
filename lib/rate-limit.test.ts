import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rateLimits } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { decideLinkRequest, LINK_WINDOW_MS } from "@/lib/auth/link-requests";
import { consumeRateLimits } from "./rate-limit";

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

describe("sign-in link requests", () => {
  it("allows five links per address in 15 minutes and refuses the sixth", async () => {
    const now = new Date("2030-03-01T12:00:00Z");
    for (let i = 0; i < 5; i++) {
      expect(await decideLinkRequest({ email: "Pat@Agency.gov", ip: `10.0.0.${i}`, now })).toEqual({ status: "send", email: "pat@agency.gov" });
    }
    expect(await decideLinkRequest({ email: "pat@agency.gov", ip: "10.0.0.9", now })).toEqual({
      status: "rate_limited",
      retryAt: new Date(now.getTime() + LINK_WINDOW_MS),
    });
  });

  it("limits one address per IP too, and never counts refused addresses", async () => {
    const now = new Date("2030-04-01T12:00:00Z");
    for (let i = 0; i < 40; i++) {
      expect(await decideLinkRequest({ email: `someone${i}@gmail.com`, ip: "192.0.2.1", now })).toEqual({ status: "refused" });
    }
    for (let i = 0; i < 30; i++) {
      expect((await decideLinkRequest({ email: `person${i}@agency.gov`, ip: "192.0.2.1", now })).status).toBe("send");
    }
    expect((await decideLinkRequest({ email: "one-more@agency.gov", ip: "192.0.2.1", now })).status).toBe("rate_limited");
    expect((await decideLinkRequest({ email: "one-more@agency.gov", ip: "192.0.2.2", now })).status).toBe("send");
  });
});
