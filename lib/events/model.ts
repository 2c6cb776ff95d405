import { getTableColumns, sql, type Column, type GetColumnData, type SQL } from "drizzle-orm";
import { events, rsvps } from "@/db/schema";
import type { InviteEvent } from "@/lib/calendar/types";

/**
 * The event model: which columns each reader selects, how a count of RSVPs is written, and
 * what a duplicate leaves behind, each once. Adding a field to events means adding it to the
 * schema, to the lists below that should show it, to the form and to the page; everything
 * else (editing, change detection, duplicating) follows the table.
 */
export * from "./vocabulary";

const c = getTableColumns(events);

/**
 * How many RSVPs to an event are in this status, as one correlated count: served by
 * rsvps_event_status_queue_idx, so a list of events is one query, not N+1. `eventId` is the
 * SQL naming the event: by default the events row, qualified by hand because drizzle prints
 * a single-table select's columns unqualified and an unqualified "id" inside the subquery
 * would be the RSVP's own; raw statements pass their alias or a parameter.
 */
export function rsvpCount(status: "going" | "waitlisted", eventId: SQL = sql`${events}.id`) {
  // The status is one of two literals, written inline so the planner sees a constant.
  return sql<number>`(select count(*)::int from ${rsvps} counted where counted.event_id = ${eventId} and counted.status = ${sql.raw(`'${status}'`)})`;
}

/** People holding a seat: the number every page and every capacity check means by "going". */
export const goingCount = (eventId?: SQL) => rsvpCount("going", eventId);

/**
 * What a calendar shows of an event (lib/calendar): the VEVENT's fields. No join URL:
 * public files are built from these, and what is never selected cannot leak.
 */
export const calendarColumns = {
  id: c.id,
  slug: c.slug,
  title: c.title,
  summary: c.summary,
  status: c.status,
  startsAt: c.startsAt,
  endsAt: c.endsAt,
  timeZone: c.timeZone,
  location: c.location,
  format: c.format,
  sequence: c.sequence,
  updatedAt: c.updatedAt,
};

/** An invitation is a calendar entry with where to join: it goes only to people going. */
export const inviteColumns = { ...calendarColumns, joinUrl: c.joinUrl } satisfies Record<keyof InviteEvent, unknown>;

/** The row a seat change locks and decides on (lib/events/rsvp.ts), and mails about. */
export const lockedColumns = {
  ...inviteColumns,
  capacity: c.capacity,
  rsvpDeadline: c.rsvpDeadline,
  // registry: who may attend, decided inside the lock.
  audienceLevels: c.audienceLevels,
  audienceDomains: c.audienceDomains,
};

/** An event card on the public calendar. No join URL: these rows are cached for everyone. */
export const summaryColumns = {
  id: c.id,
  slug: c.slug,
  title: c.title,
  summary: c.summary,
  kind: c.kind,
  format: c.format,
  status: c.status,
  startsAt: c.startsAt,
  endsAt: c.endsAt,
  timeZone: c.timeZone,
  location: c.location,
  capacity: c.capacity,
  goingCount: goingCount(),
  tags: c.tags,
};

/** The public event page: the card and what only the page shows. */
export const detailColumns = {
  ...summaryColumns,
  body: c.body,
  hosts: c.hosts,
  rsvpDeadline: c.rsvpDeadline,
  cancellationMessage: c.cancellationMessage,
  // series: the page links to every date of its series.
  seriesId: c.seriesId,
  // registry: the page says who may attend.
  audienceLevels: c.audienceLevels,
  audienceDomains: c.audienceDomains,
};

/** Picks all of a column list but the named columns. */
function omit<T extends Record<string, unknown>, K extends keyof T & string>(columns: T, names: readonly K[]): Omit<T, K> {
  return Object.fromEntries(Object.entries(columns).filter(([key]) => !(names as readonly string[]).includes(key))) as Omit<T, K>;
}

/**
 * What organizers edit and see of one event: every column but bookkeeping no organizer
 * screen shows (`search` is the generated full-text vector), so a new field is there
 * without a line here.
 */
export const managedColumns = omit(c, ["search", "createdBy", "createdAt"]);

/** One row of the organizer's list of events. */
export const managedListColumns = {
  id: c.id,
  slug: c.slug,
  title: c.title,
  status: c.status,
  startsAt: c.startsAt,
  endsAt: c.endsAt,
  timeZone: c.timeZone,
  capacity: c.capacity,
  goingCount: goingCount(),
  waitlistCount: rsvpCount("waitlisted"),
};

/** The row a select of these columns returns, for types named after a column list. */
export type Selected<T> = { [K in keyof T]: T[K] extends Column ? GetColumnData<T[K]> : T[K] extends SQL<infer U> ? U : never };

export type EventSummary = Selected<typeof summaryColumns>;
export type EventDetail = Selected<typeof detailColumns>;
export type ManagedEvent = Selected<typeof managedColumns> & { goingCount: number; waitlistCount: number };

type EventRow = typeof events.$inferSelect;

/**
 * What a duplicate does not copy from its source: the columns named here are made anew
 * (identity, place in the lifecycle, bookkeeping) or moved (the times, a week later).
 * Every other column is copied, so a field added to events is duplicated by default.
 */
export const NOT_COPIED = [
  "id",
  "slug",
  "title",
  "startsAt",
  "endsAt",
  "rsvpDeadline",
  "status",
  "sequence",
  "cancellationMessage",
  "publishedAt",
  "cancelledAt",
  "createdBy",
  "createdAt",
  "updatedAt",
  "search",
  // series: a duplicate is a new event of its own, in no series.
  "seriesId",
  "seriesEditedFields",
] as const satisfies readonly (keyof EventRow)[];

/** The columns a duplicate copies, as a select list. */
export const copiedColumns = omit(c, NOT_COPIED);
