import { sql } from "drizzle-orm";

/**
 * The waitlist place of the RSVP row aliased `r`: how many are queued up to and
 * including it (queue order is queued_at, then id). Served by rsvps_event_status_queue_idx.
 * Callers wrap it in `case when r.status = 'waitlisted'` where the row may not be waiting.
 */
export const waitlistPositionOfR = sql.raw(
  "(select count(*)::int from rsvps q where q.event_id = r.event_id and q.status = 'waitlisted' and (q.queued_at, q.id) <= (r.queued_at, r.id))",
);
