import "server-only";
import { eventTags, expireTags } from "@/lib/cache/shared-cache";
import { tz } from "@date-fns/tz";
import { addDays } from "date-fns";
import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { events, rsvps, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertRole } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/viewer";
import { queueEventMail, type EventMailKind, type Recipient } from "./emails";
import type { EventInput } from "./event-schema";
import { countGoing, lockEvent, promoteFromWaitlist, type LockedEvent } from "./rsvp";
import { rearmMovedReminders, syncReminders } from "@/lib/notifications/reminders";
import { scheduleEventUpdate } from "./updates";
import { freeSlug, retryOnSlugClash, slugBase, slugHasBase } from "./slug";
import { assertEventId, ORGANIZERS, readEvent, unpublishRefusal } from "./manage-read";
import { capacityRaised, changedFields, whoHears } from "./changes";
import { copiedColumns, lockedColumns } from "./model";
// records: each change keeps the whole event in its audit entry (every version, for records requests).
import { eventSnapshot } from "@/lib/records/event-snapshot";

/** Organizers' changes to events: each checks the role, writes in one transaction, audits, then expires what shows the event. Reads are in ./manage-read.ts, change detection in ./changes.ts. */

async function lockExisting(tx: Tx, id: string) {
  assertEventId(id);
  const locked = await lockEvent(tx, id);
  if (!locked) throw new AppError("not_found", "That event could not be found.");
  return locked;
}

/** Everyone to tell about a change, in queue order; disabled accounts are left out. */
async function recipientsOf(tx: Tx, eventId: string, statuses: ("going" | "waitlisted")[]): Promise<Recipient[]> {
  return tx
    .select({ userId: users.id, email: users.email, name: users.name, timeZone: users.timeZone, inviteEmails: users.inviteEmails })
    .from(rsvps)
    .innerJoin(users, eq(users.id, rsvps.userId))
    .where(and(eq(rsvps.eventId, eventId), inArray(rsvps.status, statuses), isNull(users.disabledAt)))
    .orderBy(asc(rsvps.queuedAt), asc(rsvps.id));
}

async function tellEveryone(
  tx: Tx,
  event: NonNullable<LockedEvent>,
  kind: EventMailKind,
  statuses: ("going" | "waitlisted")[],
  note: string | undefined,
  now: Date,
) {
  const recipients = await recipientsOf(tx, event.id, statuses);
  for (const recipient of recipients) await queueEventMail(tx, { kind, event, recipient, note, now });
  return recipients.length;
}

export function createEventDraft(viewer: Viewer | null, input: EventInput, now = new Date()) {
  return createEvent(viewer, input, { publish: false }, now);
}

/**
 * "Save and publish": the new event goes straight onto the public calendar. One transaction,
 * so a refused publish leaves no stray draft; audited as created and published, as the two
 * steps would be. A new event has no RSVPs and no subscribers yet, so there is nobody to tell.
 */
export function createPublishedEvent(viewer: Viewer | null, input: EventInput, now = new Date()) {
  return createEvent(viewer, input, { publish: true }, now);
}

async function createEvent(viewer: Viewer | null, input: EventInput, { publish }: { publish: boolean }, now: Date) {
  assertRole(viewer, ORGANIZERS);
  const db = await getDb();
  const status = publish ? { status: "published" as const, publishedAt: now } : { status: "draft" as const };
  const created = await retryOnSlugClash(() =>
    db.transaction(async (tx) => {
      const slug = await freeSlug(tx, slugBase(input.title, input.startsAt, input.timeZone));
      const [row] = await tx
        .insert(events)
        .values({ ...input, slug, ...status, createdBy: viewer.id, createdAt: now, updatedAt: now })
        .returning({ id: events.id, slug: events.slug });
      const snapshot = await eventSnapshot(tx, row!.id);
      await recordAudit(tx, { actorId: viewer.id, action: "event.created", targetType: "event", targetId: row!.id, detail: { slug, snapshot } });
      if (publish) await recordAudit(tx, { actorId: viewer.id, action: "event.published", targetType: "event", targetId: row!.id, detail: { slug, snapshot } });
      return row!;
    }),
  );
  afterEventChange(created);
  return created;
}

/**
 * Every change to an event expires what shows it: its page (by id and slug, the old
 * slug too when it moved) and the lists and feed. After the commit, so no request
 * caches the old row again in between.
 */
export function afterEventChange(event: { id: string; slug: string }, ...previousSlugs: string[]) {
  expireTags(eventTags(event, ...previousSlugs));
}

/**
 * Saves an edit. Any change a calendar shows raises SEQUENCE and schedules one batched
 * update (lib/events/updates.ts) for everyone holding the invite, and for everyone going
 * when the time or place changed; a raised capacity fills the new seats from the waitlist
 * in the same transaction.
 */
export async function updateEvent(viewer: Viewer | null, id: string, input: EventInput, now = new Date()) {
  assertRole(viewer, ORGANIZERS);
  const db = await getDb();
  const result = await retryOnSlugClash(() => db.transaction((tx) => updateEventInTransaction(tx, viewer, id, input, now)));
  if (result.changed.length > 0) afterEventChange(result, result.previousSlug);
  return result;
}

export type EventUpdateResult = Awaited<ReturnType<typeof updateEventInTransaction>>;

/**
 * The edit itself, in the caller's transaction (an organizer checked by the caller): `updateEvent`
 * for one event, lib/events/series.ts for each occurrence of a "this and following" edit, so both
 * raise SEQUENCE and schedule the same updates. An occurrence of a series edited on its own
 * remembers which fields were (`seriesEditedFields`), so a later series edit leaves them be.
 */
export async function updateEventInTransaction(
  tx: Tx,
  viewer: Viewer,
  id: string,
  input: EventInput,
  now: Date,
  { fromSeries = false }: { fromSeries?: boolean } = {},
) {
  const locked = await lockExisting(tx, id);
  const current = await readEvent(tx, id);
  const previousSlug = current.slug;
  if (current.status === "cancelled") throw new AppError("conflict", "This event was cancelled, so it can't be edited.");
  const changed = changedFields(current, input);
  if (changed.length === 0) return { id, slug: current.slug, previousSlug, changed, notified: 0, promoted: [] as string[] };

  const going = changed.includes("capacity") ? await countGoing(tx, id) : 0;
  if (input.capacity !== null && input.capacity < going) {
    const message = `${going} ${going === 1 ? "person is" : "people are"} already going, so capacity can't be lower than ${going}.`;
    throw new AppError("invalid", message, { capacity: [message] });
  }

  const published = current.status === "published";
  const { scheduleChanged, calendarChanged } = whoHears(changed, published);
  const slug =
    current.status === "draft" && current.publishedAt === null
      ? await keepOrRegenerateSlug(tx, current.slug, slugBase(input.title, input.startsAt, input.timeZone), id)
      : current.slug;
  const sequence = calendarChanged ? current.sequence + 1 : current.sequence;
  // series: an occurrence edited on its own keeps those fields through later "this and following" edits.
  const seriesEditedFields = current.seriesId && !fromSeries ? [...new Set([...current.seriesEditedFields, ...changed])] : current.seriesEditedFields;
  await tx
    .update(events)
    .set({ ...input, slug, sequence, seriesEditedFields, updatedAt: now })
    .where(eq(events.id, id));

  const updated: NonNullable<LockedEvent> = { ...locked, ...pickLocked(input), slug, sequence, updatedAt: now };
  const notified = calendarChanged ? await scheduleEventUpdate(tx, { eventId: id, now, alsoGoing: scheduleChanged }) : 0;
  const raised = capacityRaised(current.capacity, input.capacity);
  const promoted = published && raised && updated.endsAt > now ? await promoteFromWaitlist(tx, { event: updated, now }) : [];
  // Pending reminders follow the new start time.
  if (published && changed.includes("startsAt")) {
    await rearmMovedReminders(tx, { eventId: id, now });
    await syncReminders(tx, { eventId: id, now });
  }

  await recordAudit(tx, {
    actorId: viewer.id,
    action: "event.updated",
    targetType: "event",
    targetId: id,
    detail: { changed, slug, sequence, notified, ...(fromSeries ? { series: current.seriesId } : {}), snapshot: await eventSnapshot(tx, id) },
  });
  if (changed.includes("capacity")) {
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "event.capacity_changed",
      targetType: "event",
      targetId: id,
      detail: { from: current.capacity, to: input.capacity, promoted: promoted.length },
    });
  }
  return { id, slug, previousSlug, changed, notified, promoted };
}

async function keepOrRegenerateSlug(tx: Tx, currentSlug: string, base: string, id: string) {
  return slugHasBase(currentSlug, base) ? currentSlug : freeSlug(tx, base, id);
}

/** The edited fields the locked row carries, so mail sent in this transaction says what was just saved. */
function pickLocked(input: EventInput): Partial<NonNullable<LockedEvent>> {
  return Object.fromEntries(Object.entries(input).filter(([field]) => field in lockedColumns));
}

/**
 * A change of status alone, under the event's row lock: `refusal` names why it may not happen
 * (read in the same transaction), or null; then the row and the audit trail change together.
 */
async function changeStatus(
  viewer: Viewer | null,
  id: string,
  {
    action,
    set,
    refusal,
  }: { action: string; set: Partial<typeof events.$inferInsert>; refusal: (tx: Tx, event: NonNullable<LockedEvent>) => Promise<string | null> },
) {
  assertRole(viewer, ORGANIZERS);
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const event = await lockExisting(tx, id);
    const refused = await refusal(tx, event);
    if (refused) throw new AppError("conflict", refused);
    await tx.update(events).set(set).where(eq(events.id, id));
    await recordAudit(tx, {
      actorId: viewer.id,
      action,
      targetType: "event",
      targetId: id,
      detail: { slug: event.slug, snapshot: await eventSnapshot(tx, id) },
    });
    return { id, slug: event.slug };
  });
  afterEventChange(result);
  return result;
}

export function publishEvent(viewer: Viewer | null, id: string, now = new Date()) {
  return changeStatus(viewer, id, {
    action: "event.published",
    set: { status: "published", publishedAt: now, updatedAt: now },
    refusal: async (_tx, event) =>
      event.status === "published"
        ? "This event is already published."
        : event.status === "cancelled"
          ? "A cancelled event can't be published again. Duplicate it instead."
          : null,
  });
}

/** Back to draft, but only while nobody holds a seat or a place in line: they would be left with a dead link. */
export function unpublishEvent(viewer: Viewer | null, id: string, now = new Date()) {
  return changeStatus(viewer, id, {
    action: "event.unpublished",
    set: { status: "draft", updatedAt: now },
    refusal: async (tx, event) => {
      const [active] = await tx
        .select({ n: count() })
        .from(rsvps)
        .where(and(eq(rsvps.eventId, id), inArray(rsvps.status, ["going", "waitlisted"])));
      return unpublishRefusal({ status: event.status, activeRsvps: active?.n ?? 0 });
    },
  });
}

/**
 * A new draft a week later at the same local time, for series that repeat. Copies every
 * column but those lib/events/model.ts names in NOT_COPIED, so a new field comes along.
 */
export async function duplicateEvent(viewer: Viewer | null, id: string, now = new Date()) {
  assertRole(viewer, ORGANIZERS);
  assertEventId(id);
  const db = await getDb();
  const copy = await retryOnSlugClash(() =>
    db.transaction(async (tx) => {
      const [source] = await tx
        .select({ ...copiedColumns, title: events.title, startsAt: events.startsAt, endsAt: events.endsAt, rsvpDeadline: events.rsvpDeadline })
        .from(events)
        .where(eq(events.id, id));
      if (!source) throw new AppError("not_found", "That event could not be found.");
      const { title: sourceTitle, startsAt: sourceStart, endsAt: sourceEnd, rsvpDeadline: sourceDeadline, ...copied } = source;
      const inZone = { in: tz(source.timeZone) };
      const startsAt = addDays(sourceStart, 7, inZone);
      const title = `Copy of ${sourceTitle}`.slice(0, 200);
      const slug = await freeSlug(tx, slugBase(title, startsAt, source.timeZone));
      const [row] = await tx
        .insert(events)
        .values({
          ...copied,
          slug,
          title,
          startsAt,
          endsAt: addDays(sourceEnd, 7, inZone),
          rsvpDeadline: sourceDeadline ? addDays(sourceDeadline, 7, inZone) : null,
          status: "draft",
          createdBy: viewer.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: events.id, slug: events.slug });
      await recordAudit(tx, {
        actorId: viewer.id,
        action: "event.duplicated",
        targetType: "event",
        targetId: row!.id,
        detail: { from: id, slug, snapshot: await eventSnapshot(tx, row!.id) },
      });
      return row!;
    }),
  );
  afterEventChange(copy);
  return copy;
}

const MESSAGE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function cancellationMessage(message: string): string {
  const text = message.trim();
  const problem =
    text.length === 0
      ? "Tell attendees why the event is cancelled."
      : text.length > 2000
        ? "Keep the message to 2,000 characters or fewer."
        : MESSAGE_CONTROL.test(text)
          ? "Remove control characters from the message."
          : null;
  if (problem) throw new AppError("invalid", problem, { message: [problem] });
  return text;
}

/** Cancels a published event and tells everyone going or waiting, with the organizer's message. */
export async function cancelEvent(viewer: Viewer | null, id: string, { message }: { message: string }, now = new Date()) {
  assertRole(viewer, ORGANIZERS);
  const note = cancellationMessage(message);
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const event = await lockExisting(tx, id);
    if (event.status === "cancelled") throw new AppError("conflict", "This event is already cancelled.");
    if (event.status === "draft") throw new AppError("conflict", "A draft isn't public, so there is nothing to cancel.");
    const sequence = event.sequence + 1;
    await tx.update(events).set({ status: "cancelled", cancelledAt: now, cancellationMessage: note, sequence, updatedAt: now }).where(eq(events.id, id));
    const cancelled = { ...event, status: "cancelled" as const, sequence, updatedAt: now };
    const notified = await tellEveryone(tx, cancelled, "event_cancelled", ["going", "waitlisted"], note, now);
    // A cancelled event has no reminders: the pending ones are deleted.
    await syncReminders(tx, { eventId: id, now });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "event.cancelled",
      targetType: "event",
      targetId: id,
      detail: { slug: event.slug, message: note, notified, snapshot: await eventSnapshot(tx, id) },
    });
    return { id, slug: event.slug, notified };
  });
  afterEventChange(result);
  return result;
}
