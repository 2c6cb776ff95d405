import "server-only";
import { and, asc, eq, gt, gte, inArray, ne } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { events, eventSeries, rsvps } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { eventSnapshot } from "@/lib/records/event-snapshot";
import { assertMember, assertRole } from "@/lib/auth/assert";
import { AppError, isAppError } from "@/lib/errors";
import { enforceRateLimits } from "@/lib/rate-limit";
import type { Viewer } from "@/lib/viewer";
import type { EventInput } from "./event-schema";
import { afterEventChange, updateEventInTransaction } from "./manage";
import { isUuid, ORGANIZERS } from "./manage-read";
import { goingCount, managedColumns, rsvpCount } from "./model";
import { lockEvent, rsvpToEvent } from "./rsvp";
import { RSVP_CHANGES_PER_MEMBER, RSVP_WINDOW_MS } from "./rsvp-limits";
import {
  describeRule,
  followingInstants,
  formatLocalDate,
  localTimesOf,
  occurrenceDates,
  occurrenceInstants,
  wallClockOf,
  type LocalDate,
  type MonthlyWeek,
  type SeriesRule,
} from "./series-rule";
import { freeSlug, retryOnSlugClash, slugBase } from "./slug";

/**
 * Recurring series: creating every occurrence at once, "this and following" edits, the series
 * page and an RSVP to every date. Each occurrence is an ordinary event; the rules that make and
 * move dates are pure functions in ./series-rule.ts.
 */

const notFound = () => new AppError("not_found", "That series could not be found.");

function refuse(field: string, message: string): never {
  throw new AppError("invalid", message, { [field]: [message] });
}

const dateKey = (date: LocalDate) => `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;

/**
 * Creates a series and all its occurrences (drafts, or published with "Save and publish") in one
 * transaction, audited as the series and as each event. Every occurrence keeps the first one's
 * local times in its zone; a rule out of bounds or a date on which that time does not exist is
 * refused before anything is written.
 */
export async function createEventSeries(viewer: Viewer | null, input: EventInput, rule: SeriesRule, { publish }: { publish: boolean }, now = new Date()) {
  assertRole(viewer, ORGANIZERS);
  const first = wallClockOf(input.startsAt, input.timeZone);
  const dates = occurrenceDates(first, rule);
  if (!dates.ok) refuse(dates.field, dates.message);
  const instants = occurrenceInstants(dates.value, localTimesOf(input));
  if (!instants.ok) refuse("repeats", instants.message);
  const status = publish ? { status: "published" as const, publishedAt: now } : { status: "draft" as const };
  const db = await getDb();
  const created = await retryOnSlugClash(() =>
    db.transaction(async (tx) => {
      const [series] = await tx
        .insert(eventSeries)
        .values({
          frequency: rule.frequency,
          monthlyWeek: rule.frequency === "monthly" ? rule.monthlyWeek : null,
          timeZone: input.timeZone,
          firstDate: dateKey(first),
          untilDate: rule.until ? dateKey(rule.until) : null,
          occurrenceCount: rule.until ? null : dates.value.length,
          createdBy: viewer.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: eventSeries.id });
      const seriesId = series!.id;
      const occurrences: { id: string; slug: string }[] = [];
      for (const times of instants.value) {
        const slug = await freeSlug(tx, slugBase(input.title, times.startsAt, input.timeZone));
        const [row] = await tx
          .insert(events)
          .values({ ...input, ...times, slug, seriesId, ...status, createdBy: viewer.id, createdAt: now, updatedAt: now })
          .returning({ id: events.id, slug: events.slug });
        // records: each version of an event is in its audit trail (lib/records/event-archive.ts reads the snapshots).
        const snapshot = await eventSnapshot(tx, row!.id);
        await recordAudit(tx, {
          actorId: viewer.id,
          action: "event.created",
          targetType: "event",
          targetId: row!.id,
          detail: { slug, series: seriesId, snapshot },
        });
        if (publish)
          await recordAudit(tx, { actorId: viewer.id, action: "event.published", targetType: "event", targetId: row!.id, detail: { slug, snapshot } });
        occurrences.push(row!);
      }
      await recordAudit(tx, {
        actorId: viewer.id,
        action: "series.created",
        targetType: "series",
        targetId: seriesId,
        detail: { rule: { ...rule, until: rule.until ? dateKey(rule.until) : null }, occurrences: occurrences.map((o) => o.id) },
      });
      return { seriesId, occurrences };
    }),
  );
  for (const occurrence of created.occurrences) afterEventChange(occurrence);
  return created;
}

/** The fields that place an occurrence in time: moved together, from the edited occurrence's shift. */
const TIME_FIELDS = new Set<string>(["startsAt", "endsAt", "timeZone", "rsvpDeadline"]);
const CLOCK_FIELDS = ["startsAt", "endsAt", "timeZone"];

type Managed = Awaited<ReturnType<typeof readFollowing>>[number];

async function readFollowing(tx: Tx, seriesId: string, from: Date, exceptId: string) {
  return tx
    .select(managedColumns)
    .from(events)
    .where(and(eq(events.seriesId, seriesId), gte(events.startsAt, from), ne(events.id, exceptId), ne(events.status, "cancelled")))
    .orderBy(asc(events.startsAt), asc(events.id));
}

/** What a later occurrence becomes: the edit's changed fields, except those it had edited on its own. */
export function followingInput(
  edited: { before: Pick<Managed, "startsAt" | "endsAt" | "rsvpDeadline" | "timeZone">; after: EventInput; changed: string[] },
  later: Managed,
): { input: EventInput; kept: string[] } | { problem: string } {
  const own = new Set(later.seriesEditedFields);
  const input = Object.fromEntries(Object.keys(edited.after).map((field) => [field, later[field as keyof Managed]])) as EventInput;
  const kept = edited.changed.filter((field) => own.has(field));
  for (const field of edited.changed) {
    if (TIME_FIELDS.has(field) || own.has(field)) continue;
    (input as Record<string, unknown>)[field] = edited.after[field as keyof EventInput];
  }
  const timesChanged = edited.changed.some((field) => TIME_FIELDS.has(field));
  // An occurrence moved on its own keeps its time (and its deadline with it).
  const ownTime = CLOCK_FIELDS.some((field) => own.has(field));
  if (timesChanged && ownTime) {
    for (const field of edited.changed) if (TIME_FIELDS.has(field) && !kept.includes(field)) kept.push(field);
  } else if (timesChanged) {
    const moved = followingInstants({ before: edited.before, after: edited.after }, later);
    if (!moved.ok) return { problem: moved.message };
    input.startsAt = moved.value.startsAt;
    input.endsAt = moved.value.endsAt;
    input.timeZone = edited.after.timeZone;
    if (!own.has("rsvpDeadline")) input.rsvpDeadline = moved.value.rsvpDeadline;
  }
  return { input, kept };
}

/**
 * "Edit this and following": the edit applies to this occurrence and to every later one not
 * cancelled, each through the same update as a single edit (SEQUENCE, batched calendar updates,
 * waitlist promotion, reminders), all in one transaction. A later occurrence moves by as many days
 * as this one did and takes its new local times; fields a later occurrence had edited on its own
 * are left as they are. Returns what changed and what was kept, per occurrence.
 */
export async function updateThisAndFollowing(viewer: Viewer | null, id: string, input: EventInput, now = new Date()) {
  assertRole(viewer, ORGANIZERS);
  if (!isUuid(id)) throw new AppError("not_found", "That event could not be found.");
  const db = await getDb();
  const result = await retryOnSlugClash(() =>
    db.transaction(async (tx) => {
      // Locked before it is read: the later dates move by this occurrence's shift from its saved time.
      await lockEvent(tx, id);
      const [edited] = await tx.select(managedColumns).from(events).where(eq(events.id, id));
      if (!edited) throw new AppError("not_found", "That event could not be found.");
      if (!edited.seriesId) throw new AppError("conflict", "This event isn't part of a series. Use Edit to change it alone.");
      const seriesId = edited.seriesId;
      const first = await updateEventInTransaction(tx, viewer, id, input, now, { fromSeries: true });
      const changed: string[] = first.changed;
      const updates = [first];
      const kept: { id: string; fields: string[] }[] = [];
      if (changed.length > 0) {
        for (const later of await readFollowing(tx, seriesId, edited.startsAt, id)) {
          const when = formatLocalDate(wallClockOf(later.startsAt, later.timeZone));
          const next = followingInput({ before: edited, after: input, changed }, later);
          if ("problem" in next) refuse("startTime", next.problem);
          if (next.kept.length > 0) kept.push({ id: later.id, fields: next.kept });
          try {
            updates.push(await updateEventInTransaction(tx, viewer, later.id, next.input, now, { fromSeries: true }));
          } catch (error) {
            if (!isAppError(error) || error.kind !== "invalid") throw error;
            const fieldErrors = Object.fromEntries(
              Object.entries(error.fieldErrors ?? {}).map(([field, list]) => [field, list.map((m) => `On ${when}: ${m}`)]),
            );
            throw new AppError("invalid", `On ${when}: ${error.message}`, fieldErrors);
          }
        }
        await tx.update(eventSeries).set({ updatedAt: now }).where(eq(eventSeries.id, seriesId));
        await recordAudit(tx, {
          actorId: viewer.id,
          action: "series.updated_following",
          targetType: "series",
          targetId: seriesId,
          detail: { from: id, changed, updated: updates.filter((u) => u.changed.length > 0).map((u) => u.id), kept },
        });
      }
      return { seriesId, updates, kept };
    }),
  );
  for (const update of result.updates) if (update.changed.length > 0) afterEventChange(update, update.previousSlug);
  return result;
}

export type SeriesRsvpOutcome = { eventId: string; slug: string; title: string; startsAt: Date; timeZone: string } & (
  { outcome: "going" | "waitlisted"; changed: boolean; waitlistPosition: number | null } | { outcome: "refused"; message: string }
);

/** RSVPs to a whole series may be asked this often per series, on top of the member's overall RSVP limit. */
export const SERIES_RSVPS_PER_SERIES = 3;

/**
 * "RSVP to every date": one RSVP per upcoming published occurrence, each through the ordinary
 * capacity-locked RSVP (its own transaction and lock, so a full date puts the member on its
 * waitlist and the others still seat them). Dates that no longer take RSVPs are reported, not
 * failed. Counts once against the member's RSVP limit, and against its own per-series limit.
 */
export async function rsvpToSeries(viewer: Viewer | null, seriesId: string, now = new Date()): Promise<SeriesRsvpOutcome[]> {
  assertMember(viewer);
  if (!isUuid(seriesId)) throw notFound();
  const db = await getDb();
  const upcoming = await db
    .select({ eventId: events.id, slug: events.slug, title: events.title, startsAt: events.startsAt, timeZone: events.timeZone })
    .from(events)
    .where(and(eq(events.seriesId, seriesId), eq(events.status, "published"), gt(events.startsAt, now)))
    .orderBy(asc(events.startsAt), asc(events.id));
  if (upcoming.length === 0) throw new AppError("conflict", "This series has no upcoming dates that take RSVPs.");
  await enforceRateLimits(
    [
      { bucket: `rsvp:series:${seriesId}:user:${viewer.id}`, limit: SERIES_RSVPS_PER_SERIES, windowMs: RSVP_WINDOW_MS },
      { bucket: `rsvp:user:${viewer.id}`, limit: RSVP_CHANGES_PER_MEMBER, windowMs: RSVP_WINDOW_MS },
    ],
    { doing: "changed your RSVPs", timeZone: viewer.timeZone, now },
  );
  const outcomes: SeriesRsvpOutcome[] = [];
  for (const occurrence of upcoming) {
    try {
      const result = await rsvpToEvent(viewer, { eventId: occurrence.eventId }, now, { rateLimited: false });
      outcomes.push({ ...occurrence, outcome: result.status, changed: result.changed, waitlistPosition: result.waitlistPosition });
    } catch (error) {
      if (!isAppError(error) || error.kind === "unauthenticated" || error.kind === "forbidden") throw error;
      outcomes.push({ ...occurrence, outcome: "refused", message: error.message });
    }
  }
  return outcomes;
}

export type SeriesPage = Awaited<ReturnType<typeof getSeriesPage>>;

/**
 * The series page: its rule in words and its occurrences in order, as the viewer may see them
 * (published and cancelled dates for everyone, drafts for organizers too), with the viewer's
 * RSVP to each. A series with nothing the viewer may see is not found.
 */
export async function getSeriesPage(viewer: Viewer | null, seriesId: string, now = new Date()) {
  if (!isUuid(seriesId)) throw notFound();
  const db = await getDb();
  const [series] = await db.select().from(eventSeries).where(eq(eventSeries.id, seriesId));
  if (!series) throw notFound();
  const organizer = viewer !== null && ORGANIZERS.includes(viewer.role);
  const visible = organizer ? undefined : inArray(events.status, ["published", "cancelled"]);
  const occurrences = await db
    .select({
      id: events.id,
      slug: events.slug,
      title: events.title,
      summary: events.summary,
      status: events.status,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      timeZone: events.timeZone,
      capacity: events.capacity,
      goingCount: goingCount(),
      waitlistCount: rsvpCount("waitlisted"),
    })
    .from(events)
    .where(and(eq(events.seriesId, seriesId), visible))
    .orderBy(asc(events.startsAt), asc(events.id));
  if (occurrences.length === 0) throw notFound();
  const mine = viewer
    ? await db
        .select({ eventId: rsvps.eventId, status: rsvps.status })
        .from(rsvps)
        .where(
          and(
            eq(rsvps.userId, viewer.id),
            inArray(
              rsvps.eventId,
              occurrences.map((o) => o.id),
            ),
          ),
        )
    : [];
  const rsvpOf = new Map(mine.filter((r) => r.status !== "cancelled").map((r) => [r.eventId, r.status]));
  const upcoming = occurrences.filter((o) => o.endsAt > now);
  const lead = upcoming[0] ?? occurrences[occurrences.length - 1]!;
  const [y, m, d] = series.firstDate.split("-").map(Number);
  const rule = describeRule({ frequency: series.frequency, monthlyWeek: series.monthlyWeek as MonthlyWeek | null }, { year: y!, month: m!, day: d! });
  return {
    id: series.id,
    title: lead.title,
    summary: lead.summary,
    rule,
    timeZone: series.timeZone,
    occurrences: occurrences.map((o) => ({ ...o, myRsvp: rsvpOf.get(o.id) ?? null, past: o.startsAt <= now })),
    openCount: occurrences.filter((o) => o.status === "published" && o.startsAt > now).length,
  };
}

/** The series an event belongs to, for the event and manage pages' link ("part of a series"), or null. */
export async function seriesOfEvent(eventId: string): Promise<{ seriesId: string } | null> {
  if (!isUuid(eventId)) return null;
  const db = await getDb();
  const [row] = await db.select({ seriesId: events.seriesId }).from(events).where(eq(events.id, eventId));
  return row?.seriesId ? { seriesId: row.seriesId } : null;
}
