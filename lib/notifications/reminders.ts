import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db";

/** How long before an event each reminder goes. */
export const REMINDER_LEADS = { reminder_day: 24 * 3600_000, reminder_hour: 3600_000 } as const;
export type ReminderKind = keyof typeof REMINDER_LEADS;

/**
 * Brings the pending reminders of one event, one member, or one member at one event,
 * in line with who is going, their choices and the event's time. Called inside every
 * transaction that changes one of those, so the schedule never lags behind them:
 *
 * - a pending reminder follows the event's start when it moves;
 * - a reminder nobody should get any more (RSVP cancelled, event cancelled, preference
 *   turned off) is deleted while still pending;
 * - a new one is added only while its time is still ahead, so someone promoted from
 *   the waitlist after the day-before time gets the hour-before reminder only.
 *
 * Sent reminders are never touched here: their unique key keeps them from going twice
 * (rearmMovedReminders frees the key when the event moves).
 */
export async function syncReminders(tx: Tx | Db, scope: ReminderScope): Promise<void> {
  // One statement (it runs inside an RSVP's event lock): the three parts touch different rows.
  await tx.execute(sql`with ${reminderSyncSteps(scope)} select 1`);
}

export type ReminderScope = { eventId?: string; userId?: string; now: Date };

/**
 * syncReminders as the WITH items of a statement, for a caller that folds it into a
 * bigger one (lib/events/rsvp-seat.ts seats a member and schedules their reminders in one
 * round trip). `rsvpSource` names the RSVPs it reads (columns event_id, user_id, status):
 * the rsvps table, or a data-modifying WITH item of the same statement, whose rows the
 * table does not yet show to it. `onlyIf` makes the whole sync conditional, so pending
 * reminders are left alone when the statement changed no seat. Each item is named
 * reminder_*, clear of the caller's own.
 */
export function reminderSyncSteps(scope: ReminderScope, { rsvpSource = sql`rsvps`, onlyIf }: { rsvpSource?: SQL; onlyIf?: SQL } = {}): SQL {
  const { eventId, userId, now } = scope;
  if (!eventId && !userId) throw new Error("syncReminders needs an event or a member");
  const at = sql`${now.toISOString()}::timestamptz`;
  const inScope = (e: SQL, u: SQL) => sql.join([eventId ? sql`${e} = ${eventId}` : sql`true`, userId ? sql`${u} = ${userId}` : sql`true`], sql` and `);
  const guard = onlyIf ? sql` and (${onlyIf})` : sql``;
  // Every reminder that should exist now, whenever it is due.
  const wanted = sql`
    select k.kind::notification_kind as kind, r.user_id, r.event_id, e.starts_at - k.lead as due_at
    from ${rsvpSource} r
    join events e on e.id = r.event_id
    join users u on u.id = r.user_id
    cross join (values ('reminder_day', ${REMINDER_LEADS.reminder_day}::integer),
                       ('reminder_hour', ${REMINDER_LEADS.reminder_hour}::integer)) as k0(kind, lead_ms)
    cross join lateral (select k0.kind, k0.lead_ms * interval '1 millisecond' as lead) k
    where r.status = 'going' and e.status = 'published' and u.disabled_at is null
      and e.starts_at > ${at}
      and ((k.kind = 'reminder_day' and u.reminder_day_before) or (k.kind = 'reminder_hour' and u.reminder_hour_before))
      and ${inScope(sql`r.event_id`, sql`r.user_id`)}${guard}`;

  return sql`
    reminder_wanted as (${wanted}),
    reminder_moved as (
      update notifications n set due_at = w.due_at
      from reminder_wanted w
      where n.status = 'pending' and n.kind = w.kind and n.user_id = w.user_id and n.event_id = w.event_id
        and n.due_at <> w.due_at
        -- Implied by the join (reminder_wanted is in scope); written out so the scope's index is used, not a scan of every pending row.
        and ${inScope(sql`n.event_id`, sql`n.user_id`)}),
    reminder_unwanted as (
      delete from notifications n
      where n.status = 'pending' and n.kind in ('reminder_day', 'reminder_hour')
        and ${inScope(sql`n.event_id`, sql`n.user_id`)}${guard}
        and not exists (select 1 from reminder_wanted w where w.kind = n.kind and w.user_id = n.user_id and w.event_id = n.event_id)),
    reminder_added as (
      insert into notifications (key, kind, user_id, event_id, due_at)
      select w.kind || ':' || w.event_id || ':' || w.user_id, w.kind, w.user_id, w.event_id, w.due_at
      from reminder_wanted w
      where w.due_at > ${at}
      on conflict (key) do nothing)`;
}

/**
 * When an event moves, a reminder already sent (or skipped) for the old time says
 * nothing about the new one. If the new reminder time is still ahead, the old row's key
 * is retired (kept, renamed, for the record), so syncReminders can schedule the reminder
 * for the new time. Call it before syncReminders, in the transaction that moves the event.
 */
export async function rearmMovedReminders(tx: Tx | Db, { eventId, now }: { eventId: string; now: Date }): Promise<void> {
  await tx.execute(sql`
    update notifications n set key = n.key || ':before-move:' || n.id
    from events e
    where e.id = n.event_id and n.event_id = ${eventId}
      and n.status <> 'pending' and n.kind in ('reminder_day', 'reminder_hour')
      and n.due_at <> e.starts_at - (case n.kind when 'reminder_day' then ${REMINDER_LEADS.reminder_day}::integer
                                                 else ${REMINDER_LEADS.reminder_hour}::integer end) * interval '1 millisecond'
      and e.starts_at - (case n.kind when 'reminder_day' then ${REMINDER_LEADS.reminder_day}::integer
                                     else ${REMINDER_LEADS.reminder_hour}::integer end) * interval '1 millisecond' > ${now.toISOString()}::timestamptz`);
}
