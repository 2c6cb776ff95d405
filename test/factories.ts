import { randomUUID } from "node:crypto";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db";
import { and, eq } from "drizzle-orm";
import { events, rsvps, users } from "@/db/schema";
import type { EventInput } from "@/lib/events/event-schema";
import type { Viewer } from "@/lib/viewer";

/** Members and events inserted directly, for tests that exercise lib/ against a real database. */

/** Empties the tables a test file writes, children first, so each test starts from none of its rows. */
export async function clearTables(db: Db, ...tables: PgTable[]) {
  for (const table of tables) await db.delete(table);
}

export async function createMember(db: Db, overrides: Partial<typeof users.$inferInsert> = {}) {
  const [user] = await db
    .insert(users)
    .values({
      email: `member-${randomUUID().slice(0, 8)}@agency.gov`,
      name: "Test Member",
      agency: "General Services Administration",
      organization: "General Services Administration",
      governmentLevel: "federal",
      jobTitle: "Digital Specialist",
      emailVerified: new Date(),
      guidelinesAcceptedAt: new Date(),
      ...overrides,
    })
    .returning();
  return user!;
}

export async function createMembers(db: Db, count: number, role: Viewer["role"] = "member") {
  const rows = await db
    .insert(users)
    .values(
      Array.from({ length: count }, (_, i) => ({
        email: `member-${i}-${randomUUID().slice(0, 8)}@agency.gov`,
        name: `Member ${i}`,
        role,
        emailVerified: new Date(),
        guidelinesAcceptedAt: new Date(),
      })),
    )
    .returning();
  return rows;
}

export function viewerOf(user: typeof users.$inferSelect): Viewer {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    timeZone: user.timeZone,
    hasJoined: user.guidelinesAcceptedAt !== null,
  };
}

export async function createEvent(db: Db, overrides: Partial<typeof events.$inferInsert> = {}) {
  const startsAt = overrides.startsAt ?? new Date(Date.now() + 7 * 24 * 3600_000);
  const [event] = await db
    .insert(events)
    .values({
      slug: `test-event-${randomUUID().slice(0, 8)}`,
      title: "Plain Language for Social Media",
      summary: "Write posts people understand.",
      body: "Bring a post you want to improve.",
      status: "published",
      publishedAt: new Date(),
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3600_000),
      joinUrl: "https://gsa.zoomgov.com/j/1234567890",
      ...overrides,
    })
    .returning();
  return event!;
}

/** What the event form posts for a valid virtual event, as strings. */
export const VALID_EVENT_FORM: Record<string, string> = {
  title: "Plain Language for Social Media",
  summary: "Short posts people understand on the first read.",
  body: "## Agenda",
  kind: "workshop",
  format: "virtual",
  date: "2027-03-03",
  startTime: "14:00",
  endTime: "15:30",
  timeZone: "America/New_York",
  location: "",
  joinUrl: "https://gsa.zoomgov.com/j/1612345678",
  capacity: "50",
  rsvpDeadlineDate: "",
  rsvpDeadlineTime: "",
  topics: "Plain Language",
  hosts: "Ana Ruiz, Moderator",
};

/** A valid virtual event as the form saves it (EventInput), with `overrides`. */
export function eventInput(overrides: Partial<EventInput> = {}): EventInput {
  return {
    title: "Plain Language for Social Media",
    summary: "Short posts people understand.",
    body: "Bring a post to improve.",
    kind: "workshop",
    format: "virtual",
    startsAt: new Date("2030-12-03T19:00:00Z"),
    endsAt: new Date("2030-12-03T20:00:00Z"),
    timeZone: "America/New_York",
    location: null,
    joinUrl: "https://gsa.zoomgov.com/j/1612345678",
    capacity: null,
    rsvpDeadline: null,
    tags: ["plain-language"],
    hosts: [{ name: "Ana Ruiz", role: "Moderator" }],
    audienceLevels: [],
    audienceDomains: [],
    ...overrides,
  };
}

// The event form's fields; the compiler names any the form gains, so this is the one test line a new field needs.
const EVENT_INPUT_FIELDS = {
  title: true,
  summary: true,
  body: true,
  kind: true,
  format: true,
  startsAt: true,
  endsAt: true,
  timeZone: true,
  location: true,
  joinUrl: true,
  capacity: true,
  rsvpDeadline: true,
  tags: true,
  hosts: true,
  audienceLevels: true,
  audienceDomains: true,
} satisfies Record<keyof EventInput, true>;

/** What the event form would save for this event row, with `changes`: the input of an edit. */
export function eventInputOf(event: Pick<typeof events.$inferSelect, keyof EventInput>, changes: Partial<EventInput> = {}): EventInput {
  const fields = Object.keys(EVENT_INPUT_FIELDS) as (keyof EventInput)[];
  return { ...(Object.fromEntries(fields.map((field) => [field, event[field]])) as EventInput), ...changes };
}

/** A member's RSVP status for an event, or undefined when they never RSVPed. */
export async function rsvpStatus(db: Db, eventId: string, userId: string) {
  const [row] = await db
    .select({ status: rsvps.status })
    .from(rsvps)
    .where(and(eq(rsvps.eventId, eventId), eq(rsvps.userId, userId)));
  return row?.status;
}
