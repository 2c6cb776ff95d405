import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { rowsOf } from "@/db/rows";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics";

type Backlog = { pending: number; failed: number; oldest_pending_seconds: number; notifications_due: number };

/** One query for every database gauge, so a scrape costs one round trip. */
async function readBacklog(): Promise<Backlog> {
  const db = await getDb();
  const result = await db.execute(sql`
    select
      (select count(*) from outbox where status = 'pending')::int as pending,
      (select count(*) from outbox where status = 'failed')::int as failed,
      coalesce((select extract(epoch from now() - min(created_at)) from outbox where status = 'pending'), 0)::float8 as oldest_pending_seconds,
      (select count(*) from notifications
        where status = 'pending' and due_at <= now() and (next_attempt_at is null or next_attempt_at <= now()))::int as notifications_due`);
  const row = rowsOf<Backlog>(result)[0];
  if (!row) throw new Error("the backlog query returned no row");
  return row;
}

/** The Prometheus text for one scrape: database gauges read now, the rest as counted. */
export async function scrapeMetrics(): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  try {
    const backlog = await readBacklog();
    m.outboxPending.set(Number(backlog.pending));
    m.outboxFailed.set(Number(backlog.failed));
    m.outboxOldestPendingSeconds.set(Number(backlog.oldest_pending_seconds));
    m.notificationsDue.set(Number(backlog.notifications_due));
    m.databaseUp.set(1);
  } catch (error) {
    // The process metrics and counters are still worth having; the gauges keep their last value.
    log.warn({ component: "metrics", err: error }, "metrics scrape could not read the database");
    m.databaseUp.set(0);
  }
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
