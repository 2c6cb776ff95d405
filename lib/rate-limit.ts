import "server-only";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { rateLimits } from "@/db/schema";

export type RateLimitRule = { bucket: string; limit: number; windowMs: number };
export type RateLimitResult = { allowed: true } | { allowed: false; retryAt: Date };

/**
 * Sliding-window limits kept in PostgreSQL, so they hold across app instances.
 * All rules are checked and, only if every one allows it, the hit is counted in
 * each; a transaction-scoped advisory lock per bucket makes check-and-count atomic.
 */
export async function consumeRateLimits(rules: RateLimitRule[], now = new Date()): Promise<RateLimitResult> {
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
      await tx
        .delete(rateLimits)
        .where(and(eq(rateLimits.bucket, rule.bucket), lt(rateLimits.hitAt, new Date(now.getTime() - rule.windowMs))));
    }
    await tx.insert(rateLimits).values(ordered.map((rule) => ({ bucket: rule.bucket, hitAt: now })));
    return { allowed: true };
  });
}
