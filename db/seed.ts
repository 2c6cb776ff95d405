import { TZDate, tz } from "@date-fns/tz";
import { addDays, addHours, addMinutes, format } from "date-fns";
import type { Db, Tx } from "./index";
import { allowDemoDomains } from "./demo-domains";
import { auditLog, events, resources, rsvps, users } from "./schema";
import {
  ADMIN,
  DEMO_ADMIN_EMAIL,
  DEMO_EVENTS,
  DEMO_ORGANIZER_EMAIL,
  DEMO_RESOURCES,
  GSA_HQ,
  MEMBERS,
  ORGANIZER,
  type DemoEvent,
  type MemberHandle,
} from "./seed-data";

/**
 * Seeds a fresh install with the demo community in db/seed-data.ts: every time is
 * computed from the moment of seeding, so the calendar is always current.
 */

// Tests and e2e specs sign in as these people.
export { DEMO_ADMIN_EMAIL, DEMO_MEMBER_EMAILS, DEMO_ORGANIZER_EMAIL } from "./seed-data";

type NewEvent = typeof events.$inferInsert;

export async function isDatabaseEmpty(db: Db | Tx): Promise<boolean> {
  const [anyUser] = await db.select({ id: users.id }).from(users).limit(1);
  return anyUser === undefined;
}

/** Fills an empty database with a demo community; a database that has any user is left alone. */
export async function seedDemoData(db: Db, options: { now?: Date } = {}): Promise<{ seeded: boolean }> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    if (!(await isDatabaseEmpty(tx))) return { seeded: false };
    await insertDemoData(tx, now);
    return { seeded: true };
  });
}

async function insertDemoData(tx: Tx, now: Date) {
  await allowDemoDomains(tx);
  const joined = (daysAgo: number) => addDays(now, -daysAgo);
  const people = [
    { ...ADMIN, role: "admin" as const, createdAt: joined(240) },
    { ...ORGANIZER, role: "organizer" as const, createdAt: joined(236) },
    ...MEMBERS.map((member, index) => ({ ...member, role: "member" as const, createdAt: joined(200 - index * 5) })),
  ];
  const insertedUsers = await tx
    .insert(users)
    .values(
      people.map((person) => ({
        name: person.name,
        email: person.email,
        role: person.role,
        agency: person.agency,
        organization: person.organization,
        governmentLevel: person.governmentLevel,
        jobTitle: person.jobTitle,
        timeZone: person.timeZone,
        directoryOptIn: person.directoryOptIn,
        createdAt: person.createdAt,
        emailVerified: person.createdAt,
        guidelinesAcceptedAt: addMinutes(person.createdAt, 3),
      })),
    )
    .returning({ id: users.id, email: users.email });
  const userIdByEmail = new Map(insertedUsers.map((user) => [user.email, user.id]));
  const idOf = (email: string) => userIdByEmail.get(email)!;
  const adminId = idOf(DEMO_ADMIN_EMAIL);
  const organizerId = idOf(DEMO_ORGANIZER_EMAIL);
  const memberId = (handle: MemberHandle) => idOf(MEMBERS.find((member) => member.handle === handle)!.email);

  const planned = DEMO_EVENTS.map((event, index) => planEvent(event, index, now));
  const insertedEvents = await tx
    .insert(events)
    .values(planned.map(({ row }) => ({ ...row, createdBy: organizerId })))
    .returning({ id: events.id, slug: events.slug });
  const eventIdBySlug = new Map(insertedEvents.map((event) => [event.slug, event.id]));

  const rsvpRows = planned.flatMap(({ spec, row }) => {
    const eventId = eventIdBySlug.get(row.slug)!;
    const queue = [
      ...(spec.going ?? []).map((handle) => ({ handle, status: "going" as const })),
      ...(spec.waitlisted ?? []).map((handle) => ({ handle, status: "waitlisted" as const })),
      ...(spec.cancelled ?? []).map((handle) => ({ handle, status: "cancelled" as const })),
    ];
    // Staggered so the waitlist has a definite order behind the people who got seats.
    return queue.map(({ handle, status }, position) => {
      const queuedAt = addHours(row.publishedAt!, 5 * (position + 1));
      const checkedIn = status === "going" && spec.checkedIn?.includes(handle);
      return {
        eventId,
        userId: memberId(handle),
        status,
        queuedAt,
        checkedInAt: checkedIn ? addMinutes(row.startsAt, position - 5) : null,
        createdAt: queuedAt,
        updatedAt: status === "cancelled" ? addDays(queuedAt, 2) : queuedAt,
      };
    });
  });
  if (rsvpRows.length > 0) await tx.insert(rsvps).values(rsvpRows);

  const plannedByKey = new Map(planned.filter(({ spec }) => spec.key).map((plan) => [plan.spec.key!, plan.row]));
  await tx.insert(resources).values(
    DEMO_RESOURCES.map(({ from, transcript, ...resource }) => {
      const common = { ...resource, kind: "link" as const, createdBy: organizerId };
      // captions: with its transcript, the organizer attests the linked player's captions when posting it.
      const captioned = (createdAt: Date) => (transcript ? { transcriptText: transcript, captionsAttestedBy: organizerId, captionsAttestedAt: createdAt } : {});
      if ("daysAgo" in from) return { ...common, eventId: null, createdAt: joined(from.daysAgo), ...captioned(joined(from.daysAgo)) };
      const event = plannedByKey.get(from.event);
      if (!event) throw new Error(`Demo resource points at unknown event "${from.event}"`);
      const createdAt = addDays(event.endsAt, 1);
      return { ...common, eventId: eventIdBySlug.get(event.slug)!, createdAt, ...captioned(createdAt) };
    }),
  );

  const cancelled = planned.find(({ row }) => row.status === "cancelled")!.row;
  await tx.insert(auditLog).values([
    {
      actorId: adminId,
      action: "member.role_changed",
      targetType: "user",
      targetId: organizerId,
      detail: { email: DEMO_ORGANIZER_EMAIL, from: "member", to: "organizer" },
      createdAt: joined(235),
    },
    ...planned
      .filter(({ row }) => row.publishedAt)
      .map(({ row }) => ({
        actorId: organizerId,
        action: "event.published",
        targetType: "event",
        targetId: eventIdBySlug.get(row.slug)!,
        detail: { slug: row.slug },
        createdAt: row.publishedAt!,
      })),
    {
      actorId: organizerId,
      action: "event.cancelled",
      targetType: "event",
      targetId: eventIdBySlug.get(cancelled.slug)!,
      detail: { slug: cancelled.slug, message: cancelled.cancellationMessage },
      createdAt: cancelled.cancelledAt!,
    },
  ]);
}

function planEvent(spec: DemoEvent, index: number, now: Date) {
  const startsAt = wallClockOnWeekday(now, spec.timeZone, spec.day, spec.at);
  const endsAt = addMinutes(startsAt, spec.minutes);
  const status: NewEvent["status"] = spec.status ?? "published";
  // Created a few weeks ahead of the event, or of today for events still to come.
  const createdAt = addDays(startsAt < now ? startsAt : now, -(18 + (index % 5) * 3));
  const publishedAt = status === "draft" ? null : addDays(createdAt, 2);
  const cancelledAt = status === "cancelled" ? addDays(now, -2) : null;
  const slug = `${kebab(spec.title)}-${format(startsAt, "yyyy-MM-dd", { in: tz(spec.timeZone) })}`;
  const hasRoom = spec.format !== "virtual";
  const hasLink = spec.format !== "in_person";
  return {
    spec,
    row: {
      slug,
      title: spec.title,
      summary: spec.summary,
      body: spec.body,
      kind: spec.kind,
      format: spec.format,
      startsAt,
      endsAt,
      timeZone: spec.timeZone,
      location: hasRoom ? (spec.location ?? GSA_HQ) : null,
      joinUrl: hasLink ? `https://gsa.zoomgov.com/j/16${String(10_000_000 + index * 3_917_281).padStart(9, "0")}` : null,
      capacity: spec.capacity ?? null,
      rsvpDeadline: spec.rsvpDeadlineDays ? addDays(startsAt, -spec.rsvpDeadlineDays) : null,
      status,
      // A cancellation is a calendar change that subscribers must see.
      sequence: cancelledAt ? 1 : 0,
      tags: spec.tags,
      hosts: spec.hosts,
      cancellationMessage: spec.cancellationMessage ?? null,
      publishedAt,
      cancelledAt,
      createdAt,
      updatedAt: cancelledAt ?? publishedAt ?? createdAt,
    } satisfies NewEvent,
  };
}

/**
 * The given local time `day` days from today in `timeZone`, moved to Monday if
 * it falls on a weekend. Built from the wall clock so that 2:00 PM stays 2:00 PM
 * across daylight saving changes.
 */
function wallClockOnWeekday(now: Date, timeZone: string, day: number, [hour, minute]: readonly [number, number]): Date {
  const today = new TZDate(now.getTime(), timeZone);
  const onDay = (offset: number) => new TZDate(today.getFullYear(), today.getMonth(), today.getDate() + offset, hour, minute, timeZone);
  const weekday = onDay(day).getDay();
  const local = onDay(day + (weekday === 6 ? 2 : weekday === 0 ? 1 : 0));
  return new Date(local.getTime());
}

function kebab(title: string): string {
  return title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
