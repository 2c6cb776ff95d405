import "server-only";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db";
import { rateLimits } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { formatShortStart } from "@/lib/time";

export type RateLimitRule = { bucket: string; limit: number; windowMs: number };

/** No rule may look further back than this, so rows older than it count for nothing and can be swept. */
export const MAX_RATE_LIMIT_WINDOW_MS = 24 * 60 * 60 * 1000;
export type RateLimitResult = { allowed: true } | { allowed: false; retryAt: Date };

/**
 * Sliding-window limits kept in PostgreSQL, so they hold across app instances.
 * All rules are checked and, only if every one allows it, the hit is counted in
 * each; a transaction-scoped advisory lock per bucket makes check-and-count atomic.
 */
export async function consumeRateLimits(rules: RateLimitRule[], now = new Date()): Promise<RateLimitResult> {
  const tooLong = rules.find((rule) => rule.windowMs > MAX_RATE_LIMIT_WINDOW_MS);
  if (tooLong) throw new Error(`Rate-limit window for ${tooLong.bucket} is longer than MAX_RATE_LIMIT_WINDOW_MS`);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const ordered = [...rules].sort((a, b) => a.bucket.localeCompare(b.bucket));
    for (const rule of ordered) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${rule.bucket}))`);
    }
    let retryAt: Date | null = null;
    for (const rule of ordered) {
      const windowStart = new Date(now.getTime() - rule.windowMs);
      const hits = await tx
        .select({ hitAt: rateLimits.hitAt })
        .from(rateLimits)
        .where(and(eq(rateLimits.bucket, rule.bucket), gt(rateLimits.hitAt, windowStart)))
        .orderBy(rateLimits.hitAt);
      if (hits.length >= rule.limit) {
        // The window frees a place when the oldest hit that still counts ages out.
        const oldest = hits[hits.length - rule.limit]!.hitAt;
        const candidate = new Date(oldest.getTime() + rule.windowMs);
        if (!retryAt || candidate > retryAt) retryAt = candidate;
      }
    }
    if (retryAt) return { allowed: false, retryAt };
    // Hits older than the window count for nothing; dropping them here keeps each bucket small.
    for (const rule of ordered) {
      await tx.delete(rateLimits).where(and(eq(rateLimits.bucket, rule.bucket), lt(rateLimits.hitAt, new Date(now.getTime() - rule.windowMs))));
    }
    await tx.insert(rateLimits).values(ordered.map((rule) => ({ bucket: rule.bucket, hitAt: now })));
    return { allowed: true };
  });
}

/**
 * Buckets are pruned when they are hit again; one that never is (an address seen once)
 * would keep its rows for ever. The notification scheduler's tick calls this, and daily
 * housekeeping with its transaction as `db`, so the count lands in that run's record.
 */
export async function sweepRateLimits(now = new Date(), db?: Db | Tx): Promise<number> {
  const swept = await (db ?? (await getDb()))
    .delete(rateLimits)
    .where(lt(rateLimits.hitAt, new Date(now.getTime() - MAX_RATE_LIMIT_WINDOW_MS)))
    .returning({ id: rateLimits.id });
  return swept.length;
}

/**
 * For lib/ functions acting for a signed-in person: counts the hit, or throws a
 * "rate_limited" AppError (HTTP 429) saying what was limited and when to try again.
 * Call it after authorization, so a refused caller is not counted.
 */
export async function enforceRateLimits(
  rules: RateLimitRule[],
  { doing, timeZone, now = new Date() }: { doing: string; timeZone: string; now?: Date },
): Promise<void> {
  const result = await consumeRateLimits(rules, now);
  if (result.allowed) return;
  throw new AppError("rate_limited", `You have ${doing} too often for now. Please try again after ${formatShortStart(result.retryAt, timeZone)}.`);
}
