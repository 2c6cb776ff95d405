import "server-only";
import { stringify } from "csv-stringify/sync";
import { eq } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { events } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertRole } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import { assertEventId, ORGANIZERS } from "@/lib/events/manage-read";
import { GOVERNMENT_LEVEL_LABELS, type GovernmentLevel } from "@/lib/members/government-levels";
import type { Viewer } from "@/lib/viewer";
import { dayIn, parseReachPeriod, REACH_MAX_DAYS, type ReachPeriod, type ReachPeriodResult } from "./period-schema";
import {
  newMembers,
  reachByLevel,
  reachByOrganization,
  reachSummary,
  type NewMembersRow,
  type ReachGroupRow,
  type ReachScope,
  type ReachSummary,
} from "./queries";

/**
 * Who may see reach, decided here beside the reads:
 * - the community dashboard: organizers and admins (members never);
 * - one event's dashboard: organizers and admins, as managing the event is (any organizer may manage any event).
 */

export type ReachEvent = { id: string; slug: string; title: string; status: string; startsAt: Date; endsAt: Date; timeZone: string };

export type ReachDashboard = {
  period: ReachPeriod;
  summary: ReachSummary;
  byLevel: ReachGroupRow[];
  byOrganization: ReachGroupRow[];
  /** Community only. */
  newMembers: NewMembersRow[] | null;
};

const LEVEL_TAGS = Object.fromEntries(Object.entries(GOVERNMENT_LEVEL_LABELS).map(([k, v]) => [k, v.tag])) as Record<GovernmentLevel, string>;

export function assertMaySeeCommunityReach(viewer: Viewer | null): asserts viewer is Viewer {
  assertRole(viewer, ORGANIZERS);
}

/** The caller has checked the viewer is an organizer or admin: the same rule as managing the event (lib/events/manage-read.ts). */
async function readReachEvent(tx: Tx, eventId: string) {
  assertEventId(eventId);
  const [event] = await tx
    .select({
      id: events.id,
      slug: events.slug,
      title: events.title,
      status: events.status,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      timeZone: events.timeZone,
      createdAt: events.createdAt,
    })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) throw new AppError("not_found", "That event could not be found.");
  return event;
}

/** An event's default period: from the day it was created to the day it ends (or today, if sooner), at most REACH_MAX_DAYS. */
function eventDefaults(event: { createdAt: Date; endsAt: Date }, timeZone: string, now: Date) {
  const last = event.endsAt < now ? event.endsAt : now;
  const earliest = new Date(last.getTime() - (REACH_MAX_DAYS - 1) * 86_400_000);
  const first = event.createdAt > earliest ? event.createdAt : earliest;
  return { from: dayIn(first < last ? first : last, timeZone), to: dayIn(last, timeZone) };
}

async function readDashboard(tx: Tx, scope: ReachScope, period: ReachPeriod, now: Date): Promise<ReachDashboard> {
  const summary = await reachSummary(tx, scope, period, now);
  const byLevel = await reachByLevel(tx, scope, period, now, LEVEL_TAGS);
  const byOrganization = await reachByOrganization(tx, scope, period, now);
  const members = scope.kind === "community" ? await newMembers(tx, period) : null;
  return { period, summary, byLevel, byOrganization, newMembers: members };
}

type Raw = Record<string, unknown>;

const EMPTY_SUMMARY: ReachSummary = { events: 0, rsvps: 0, going: 0, waitlisted: 0, cancelled: 0, attended: 0, noShows: 0, conversions: 0 };

export async function getCommunityReach(viewer: Viewer | null, raw: Raw, now = new Date()): Promise<ReachDashboard & { input: ReachPeriodResult }> {
  assertMaySeeCommunityReach(viewer);
  const input = parseReachPeriod(raw, { timeZone: viewer.timeZone, now });
  const db = await getDb();
  const dashboard = await db.transaction((tx) => readDashboard(tx, { kind: "community" }, input.period, now));
  return { ...dashboard, input };
}

export async function getEventReach(
  viewer: Viewer | null,
  eventId: string,
  raw: Raw,
  now = new Date(),
): Promise<ReachDashboard & { input: ReachPeriodResult; event: ReachEvent }> {
  assertRole(viewer, ORGANIZERS);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { createdAt, ...event } = await readReachEvent(tx, eventId);
    const input = parseReachPeriod(raw, { timeZone: viewer.timeZone, now, defaults: eventDefaults({ createdAt, endsAt: event.endsAt }, viewer.timeZone, now) });
    const dashboard = await readDashboard(tx, { kind: "event", eventId }, input.period, now);
    return { ...dashboard, input, event };
  });
}

export const REACH_TABLES = ["summary", "levels", "organizations", "members"] as const;
export type ReachTable = (typeof REACH_TABLES)[number];

export function isReachTable(value: unknown): value is ReachTable {
  return typeof value === "string" && (REACH_TABLES as readonly string[]).includes(value);
}

export function summaryRows(summary: ReachSummary, scope: ReachScope["kind"]): [string, number][] {
  return [
    ...(scope === "community" ? ([["Events", summary.events]] as [string, number][]) : []),
    ["RSVPs (going or waitlisted)", summary.rsvps],
    ["Going", summary.going],
    ["Attended (checked in)", summary.attended],
    ["No-shows", summary.noShows],
    ["On the waitlist", summary.waitlisted],
    ["Waitlist conversions", summary.conversions],
    ["Cancelled", summary.cancelled],
  ];
}

/** Cells as a spreadsheet reads them safely: quoted, and a leading = + - @ tab or CR made plain text (OWASP CSV injection). */
export function safeCsv(rows: string[][]): string {
  return stringify(rows, { bom: true, record_delimiter: "windows", quoted: true, quoted_empty: true, escape_formulas: true });
}

function tableRows(dashboard: ReachDashboard, table: ReachTable, scope: ReachScope["kind"]): string[][] {
  const period = ["Period", `${dashboard.period.from} to ${dashboard.period.to}`];
  const groups = (heading: string, rows: ReachGroupRow[]) => [
    [heading, "RSVPs", "Attended", "No-shows"],
    ...rows.map((row) => [row.label, String(row.rsvps), String(row.attended), String(row.noShows)]),
  ];
  switch (table) {
    case "summary":
      return [["Figure", "Count"], ...summaryRows(dashboard.summary, scope).map(([k, v]) => [k, String(v)]), period];
    case "levels":
      return groups("Level of government", dashboard.byLevel);
    case "organizations":
      return groups("Organization", dashboard.byOrganization);
    case "members":
      return [
        [dashboard.period.by === "month" ? "Month starting" : "Week starting", "New members"],
        ...(dashboard.newMembers ?? []).map((r) => [r.bucket, String(r.members)]),
      ];
  }
}

/**
 * One dashboard table as CSV, for the same period the page shows. The export is audited: counts
 * by organization can be small enough to point at people.
 */
export async function reachCsv(
  viewer: Viewer | null,
  { eventId, table, raw }: { eventId?: string; table: unknown; raw: Raw },
  now = new Date(),
): Promise<{ filename: string; csv: string }> {
  assertRole(viewer, ORGANIZERS);
  // Without a table named, the figures at a glance.
  table ??= "summary";
  if (!isReachTable(table) || (eventId && table === "members")) throw new AppError("not_found", "There is no such table.");
  const db = await getDb();
  return db.transaction(async (tx) => {
    let name: string;
    let input: ReachPeriodResult;
    let scope: ReachScope;
    if (eventId) {
      const event = await readReachEvent(tx, eventId);
      input = parseReachPeriod(raw, { timeZone: viewer.timeZone, now, defaults: eventDefaults(event, viewer.timeZone, now) });
      scope = { kind: "event", eventId };
      name = `reach-${event.slug}`;
    } else {
      input = parseReachPeriod(raw, { timeZone: viewer.timeZone, now });
      scope = { kind: "community" };
      name = "reach-community";
    }
    if (Object.keys(input.errors).length > 0) throw new AppError("invalid", "Check the period's dates.", input.errors);
    const dashboard: ReachDashboard = { period: input.period, summary: EMPTY_SUMMARY, byLevel: [], byOrganization: [], newMembers: null };
    // Only the table asked for is read.
    if (table === "summary") dashboard.summary = await reachSummary(tx, scope, input.period, now);
    if (table === "levels") dashboard.byLevel = await reachByLevel(tx, scope, input.period, now, LEVEL_TAGS);
    if (table === "organizations") dashboard.byOrganization = await reachByOrganization(tx, scope, input.period, now);
    if (table === "members") dashboard.newMembers = await newMembers(tx, input.period);
    const rows = tableRows(dashboard, table, scope.kind);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "reach.exported",
      targetType: eventId ? "event" : "community",
      targetId: eventId ?? null,
      detail: { table, from: input.period.from, to: input.period.to },
    });
    return { filename: `${name}-${table}-${input.period.from}-to-${input.period.to}.csv`, csv: safeCsv(rows) };
  });
}
