import { readFileSync } from "node:fs";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { calendarInvites, notifications, rsvps, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { createEvent, createMember } from "@/test/factories";

const database = useTestDatabase();

/** The hand-written part of migration 0005, run again on rows made as the code before it left them. */
function backfill(): string {
  const file = readFileSync(path.resolve("db/migrations/0005_calendar_invites.sql"), "utf8");
  return file.slice(file.indexOf("-- hand-written:")).replace(/--> statement-breakpoint/g, "");
}

describe("migration 0005's backfill of invites sent before calendar_invites", () => {
  it("records the invites members' calendars already hold, under the old UID and the event's SEQUENCE", async () => {
    const event = await createEvent(database.db, { sequence: 3 });
    const past = await createEvent(database.db, { startsAt: new Date(Date.now() - 2 * 86_400_000) });
    const on = await createMember(database.db, { email: "on@agency.gov" });
    const off = await createMember(database.db, { email: "off@agency.gov", inviteEmails: false });
    const reminded = await createMember(database.db, { email: "reminded@agency.gov", inviteEmails: false });
    const waiting = await createMember(database.db, { email: "waiting@agency.gov" });
    const gone = await createMember(database.db, { email: "gone@agency.gov" });
    const rows = [
      [event.id, on.id, "going"],
      [event.id, off.id, "going"],
      [event.id, reminded.id, "going"],
      [event.id, waiting.id, "waitlisted"],
      [event.id, gone.id, "cancelled"],
      [past.id, on.id, "going"],
    ] as const;
    for (const [eventId, userId, status] of rows) await database.db.insert(rsvps).values({ eventId, userId, status });
    // Reminders attached a REQUEST whatever the preference said.
    await database.db
      .insert(notifications)
      .values({ key: "r", kind: "reminder_day", userId: reminded.id, eventId: event.id, dueAt: new Date(), status: "sent" });

    await database.db.delete(calendarInvites);
    await database.db.execute(sql.raw(backfill()));
    const found = await database.db
      .select({ email: users.email, uid: calendarInvites.uid, sequence: calendarInvites.sequence, state: calendarInvites.state })
      .from(calendarInvites)
      .innerJoin(users, eq(users.id, calendarInvites.userId))
      .orderBy(asc(users.email));
    expect(found).toEqual([
      { email: "gone@agency.gov", uid: `${event.id}@convene`, sequence: 3, state: "cancelled" },
      { email: "on@agency.gov", uid: `${event.id}@convene`, sequence: 3, state: "sent" },
      { email: "reminded@agency.gov", uid: `${event.id}@convene`, sequence: 3, state: "sent" },
    ]);
  });
});
