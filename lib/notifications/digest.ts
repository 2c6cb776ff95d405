import "server-only";
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";

/** Local wall-clock hour on Monday when the digest goes out. */
export const DIGEST_HOUR = 8;

/**
 * Adds this week's digest for every member who asked for it and whose Monday 08:00
 * (in their own time zone) has come. Only on that Monday: someone who opts in on a
 * Wednesday gets their first digest the next Monday. The key holds the member and the
 * local date of the Monday, so each week is planned, and sent, once.
 */
export async function planDigests(tx: Tx | Db, now: Date): Promise<void> {
  const at = sql`${now.toISOString()}::timestamptz`;
  await tx.execute(sql`
    insert into notifications (key, kind, user_id, due_at)
    select 'digest:' || u.id || ':' || to_char(w.monday, 'YYYY-MM-DD'), 'digest', u.id,
           (w.monday + ${DIGEST_HOUR}::integer * interval '1 hour') at time zone u.time_zone
    from users u
    cross join lateral (select date_trunc('week', ${at} at time zone u.time_zone) as monday) w
    where u.weekly_digest and u.disabled_at is null and u.guidelines_accepted_at is not null
      and ${at} >= (w.monday + ${DIGEST_HOUR}::integer * interval '1 hour') at time zone u.time_zone
      and ${at} < (w.monday + interval '1 day') at time zone u.time_zone
    on conflict (key) do nothing`);
}
