import "server-only";
import { lt, sql, type SQL } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db";
import { rowsOf } from "@/db/rows";
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
  const ordered = [...rules].sort((a, b) => a.bucket.localeCompare(b.bucket));
  const refusals = await db.transaction(async (tx) => {
    // Two statements sent together (postgres.js pipelines them; PGlite runs them in turn). The second
    // starts once the first holds every bucket's lock, so its snapshot counts every hit committed
    // before that; in one statement it would count from a snapshot taken before the wait.
    const [, counted] = await Promise.all([tx.execute(lockBuckets(ordered)), tx.execute(countAndHit(ordered, now))]);
    return rowsOf<{ rule: number; oldest_counting_ms: number }>(counted);
  });
  let retryAt: Date | null = null;
  for (const refusal of refusals) {
    // The window frees a place when the oldest hit that still counts ages out.
    const candidate = new Date(Number(refusal.oldest_counting_ms) + ordered[Number(refusal.rule)]!.windowMs);
    if (!retryAt || candidate > retryAt) retryAt = candidate;
  }
  return retryAt ? { allowed: false, retryAt } : { allowed: true };
}

/** A transaction-scoped advisory lock per bucket, taken in the rules' (sorted) order so two callers cannot deadlock. */
function lockBuckets(ordered: RateLimitRule[]): SQL {
  const buckets = sql.join(
    ordered.map((rule, index) => sql`(${rule.bucket}, ${index}::integer)`),
    sql`, `,
  );
  return sql`select pg_advisory_xact_lock(hashtext(b.bucket)) from (values ${buckets}) as b(bucket, n) order by b.n`;
}

/**
 * Checks every rule and, only if all allow it, prunes each bucket's hits older than its window
 * and counts this hit in each, as one statement. Returns, for each rule that refuses, the oldest
 * hit that still counts against it (the limit-th most recent); no rows: allowed and counted.
 */
function countAndHit(ordered: RateLimitRule[], now: Date): SQL {
  const values = sql.join(
    ordered.map(
      (rule, index) => sql`(${index}::integer, ${rule.bucket}, ${rule.limit}::integer, ${new Date(now.getTime() - rule.windowMs).toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  return sql`
    with rules as (select * from (values ${values}) as r(rule, bucket, lim, since)),
    hits as (
      select r.rule, r.lim, h.hit_at, count(*) over (partition by r.rule) as n,
             row_number() over (partition by r.rule order by h.hit_at desc) as newest_first
      from rules r join ${rateLimits} h on h.bucket = r.bucket and h.hit_at > r.since),
    refusals as (select rule, hit_at as oldest_counting from hits where n >= lim and newest_first = lim),
    pruned as (
      delete from ${rateLimits} d using rules r
      where not exists (select 1 from refusals) and d.bucket = r.bucket and d.hit_at < r.since),
    counted as (
      insert into ${rateLimits} (bucket, hit_at)
      select r.bucket, ${now.toISOString()}::timestamptz from rules r where not exists (select 1 from refusals))
    select rule, (extract(epoch from oldest_counting) * 1000)::float8 as oldest_counting_ms from refusals`;
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
