import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { rowsOf } from "@/db/rows";
import { GOVERNMENT_LEVELS, type GovernmentLevel } from "@/lib/members/government-levels";
import type { ReachPeriod } from "./period-schema";

/**
 * The dashboard's figures, each one statement. A scope says which RSVPs count: the community's are
 * the RSVPs to published events that start in the period (events_status_starts_idx, then each
 * event's RSVPs by rsvps_event_status_queue_idx); one event's are its RSVPs made in the period.
 * Callers authorize first (./access.ts); these take no viewer.
 */

export type ReachScope = { kind: "community" } | { kind: "event"; eventId: string };

export type ReachSummary = {
  events: number;
  /** Going or waitlisted now. */
  rsvps: number;
  going: number;
  waitlisted: number;
  cancelled: number;
  /** Going and checked in. */
  attended: number;
  /** Going, the event has ended, never checked in. */
  noShows: number;
  /** RSVPs promoted from the waitlist to a seat. */
  conversions: number;
};

export type ReachGroupRow = { key: string; label: string; rsvps: number; attended: number; noShows: number };

export type NewMembersRow = { bucket: string; members: number };

export const TOP_ORGANIZATIONS = 10;
export const NOT_RECORDED = "Not recorded";
export const OTHER_ORGANIZATIONS = "All other organizations";

type Q = Db | Tx;

/** `from events e join rsvps r … where <scope>`: the RSVPs a scope counts. */
function scopedRsvps(scope: ReachScope, period: ReachPeriod): { from: SQL; where: SQL } {
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  if (scope.kind === "community") {
    return {
      from: sql`events e join rsvps r on r.event_id = e.id`,
      where: sql`e.status = 'published' and e.starts_at >= ${start}::timestamptz and e.starts_at < ${end}::timestamptz`,
    };
  }
  return {
    from: sql`events e join rsvps r on r.event_id = e.id`,
    where: sql`e.id = ${scope.eventId}::uuid and r.created_at >= ${start}::timestamptz and r.created_at < ${end}::timestamptz`,
  };
}

const attendedSql = sql`r.status = 'going' and r.checked_in_at is not null`;
const noShowSql = (now: Date) => sql`r.status = 'going' and r.checked_in_at is null and e.ends_at <= ${now.toISOString()}::timestamptz`;

export async function reachSummary(q: Q, scope: ReachScope, period: ReachPeriod, now: Date): Promise<ReachSummary> {
  const { from, where } = scopedRsvps(scope, period);
  const eventCount =
    scope.kind === "community"
      ? sql`(select count(*)::int from events e where ${where})`
      : sql`(select count(*)::int from events e where e.id = ${scope.eventId}::uuid)`;
  const result = await q.execute(sql`
    select ${eventCount} as events,
           count(*) filter (where r.status in ('going', 'waitlisted'))::int as rsvps,
           count(*) filter (where r.status = 'going')::int as going,
           count(*) filter (where r.status = 'waitlisted')::int as waitlisted,
           count(*) filter (where r.status = 'cancelled')::int as cancelled,
           count(*) filter (where ${attendedSql})::int as attended,
           count(*) filter (where ${noShowSql(now)})::int as no_shows,
           count(*) filter (where r.promoted_at is not null)::int as conversions
    from ${from} where ${where}`);
  const row = rowsOf<Record<string, number>>(result)[0] ?? {};
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    events: n("events"),
    rsvps: n("rsvps"),
    going: n("going"),
    waitlisted: n("waitlisted"),
    cancelled: n("cancelled"),
    attended: n("attended"),
    noShows: n("no_shows"),
    conversions: n("conversions"),
  };
}

type GroupRow = { grp: string | null; rsvps: number; attended: number; no_shows: number };

function groupColumns(now: Date) {
  return sql`count(*) filter (where r.status in ('going', 'waitlisted'))::int as rsvps,
             count(*) filter (where ${attendedSql})::int as attended,
             count(*) filter (where ${noShowSql(now)})::int as no_shows`;
}

/** Every level in the enum's order, then members with none recorded; zeros included, so the table always has the same rows. */
export async function reachByLevel(q: Q, scope: ReachScope, period: ReachPeriod, now: Date, labels: Record<GovernmentLevel, string>): Promise<ReachGroupRow[]> {
  const { from, where } = scopedRsvps(scope, period);
  const result = await q.execute(sql`
    select u.government_level::text as grp, ${groupColumns(now)}
    from ${from} join users u on u.id = r.user_id
    where ${where} and r.status <> 'cancelled'
    group by u.government_level`);
  const byLevel = new Map(rowsOf<GroupRow>(result).map((row) => [row.grp, row]));
  const keys: (GovernmentLevel | null)[] = [...GOVERNMENT_LEVELS, null];
  return keys.map((level) => {
    const row = byLevel.get(level);
    return {
      key: level ?? "not_recorded",
      label: level ? labels[level] : NOT_RECORDED,
      rsvps: Number(row?.rsvps ?? 0),
      attended: Number(row?.attended ?? 0),
      noShows: Number(row?.no_shows ?? 0),
    };
  });
}

/**
 * The ten organizations with the most attendance (then RSVPs, then name), everyone else in one
 * row, and members whose organization was never recorded in another. Ranked in the database, so
 * however many organizations there are, twelve rows come back.
 */
export async function reachByOrganization(q: Q, scope: ReachScope, period: ReachPeriod, now: Date): Promise<ReachGroupRow[]> {
  const { from, where } = scopedRsvps(scope, period);
  const result = await q.execute(sql`
    with g as (
      select u.organization as org, ${groupColumns(now)}
      from ${from} join users u on u.id = r.user_id
      where ${where} and r.status <> 'cancelled'
      group by u.organization
    ), ranked as (
      select g.*, row_number() over (order by (g.org is null), g.attended desc, g.rsvps desc, g.org) as rank from g
    )
    select case when org is null then null when rank <= ${TOP_ORGANIZATIONS} then org else ' other' end as grp,
           sum(rsvps)::int as rsvps, sum(attended)::int as attended, sum(no_shows)::int as no_shows,
           min(rank) as rank
    from ranked group by 1 order by min(rank)`);
  const rows = rowsOf<GroupRow>(result);
  const top = rows.filter((row) => row.grp !== null && row.grp !== " other");
  const other = rows.find((row) => row.grp === " other");
  const none = rows.find((row) => row.grp === null);
  const shape = (key: string, label: string, row: GroupRow | undefined): ReachGroupRow => ({
    key,
    label,
    rsvps: Number(row?.rsvps ?? 0),
    attended: Number(row?.attended ?? 0),
    noShows: Number(row?.no_shows ?? 0),
  });
  return [
    ...top.map((row) => shape(row.grp!, row.grp!, row)),
    ...(other ? [shape("other", OTHER_ORGANIZATIONS, other)] : []),
    ...(none ? [shape("not_recorded", NOT_RECORDED, none)] : []),
  ];
}

/**
 * Members who joined (accepted the guidelines) per week (ISO, from Monday) or month in the
 * period's zone, every bucket listed, empty ones as 0. Served by users_joined_idx.
 */
export async function newMembers(q: Q, period: ReachPeriod): Promise<NewMembersRow[]> {
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  const unit = period.by === "month" ? "month" : "week";
  const step = period.by === "month" ? "1 month" : "1 week";
  const result = await q.execute(sql`
    with buckets as (
      select generate_series(
               date_trunc(${unit}, ${start}::timestamptz at time zone ${period.timeZone}),
               date_trunc(${unit}, (${end}::timestamptz - interval '1 microsecond') at time zone ${period.timeZone}),
               ${step}::interval) as bucket
    ), joined as (
      select date_trunc(${unit}, u.guidelines_accepted_at at time zone ${period.timeZone}) as bucket, count(*)::int as n
      from users u
      where u.guidelines_accepted_at >= ${start}::timestamptz and u.guidelines_accepted_at < ${end}::timestamptz
      group by 1
    )
    select to_char(b.bucket, 'YYYY-MM-DD') as bucket, coalesce(j.n, 0)::int as members
    from buckets b left join joined j on j.bucket = b.bucket
    order by b.bucket`);
  return rowsOf<{ bucket: string; members: number }>(result).map((row) => ({ bucket: row.bucket, members: Number(row.members) }));
}
