import { beforeEach, describe, expect, it } from "vitest";
import { lt } from "drizzle-orm";
import { accommodationRequests, auditLog, calendarInvites, eventMessages, events, housekeepingRuns, outbox, rsvps } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { runDailyHousekeeping } from "@/lib/housekeeping";
import { parseEnv } from "@/lib/env";
import { clearTables, createEvent, createMember } from "@/test/factories";
import type { RetentionSettings } from "./retention";

const database = useTestDatabase();
const day = 24 * 60 * 60 * 1000;
const now = new Date("2032-06-01T04:00:00Z");
const ago = (days: number) => new Date(now.getTime() - days * day);

const settings: RetentionSettings = { auditDays: 2190, messagesDays: 1095, rsvpsDays: 1095, mailLogDays: 1095, hold: false };

/** Of each kind, one record just past its period and one just inside it. */
async function seed() {
  const db = database.db;
  const member = await createMember(db);
  const longPast = await createEvent(db, { startsAt: ago(1100), endsAt: new Date(ago(1100).getTime() + 3600_000) });
  const recent = await createEvent(db, { startsAt: ago(1000), endsAt: new Date(ago(1000).getTime() + 3600_000) });
  const [oldRsvp] = await db.insert(rsvps).values({ eventId: longPast.id, userId: member.id, status: "going" }).returning();
  await db.insert(rsvps).values({ eventId: recent.id, userId: member.id, status: "going" });
  await db.insert(calendarInvites).values({ rsvpId: oldRsvp!.id, eventId: longPast.id, userId: member.id, uid: "x@convene", sequence: 0, state: "sent" });
  await db.insert(auditLog).values([
    { action: "old.entry", targetType: "event", createdAt: ago(2191) },
    { action: "recent.entry", targetType: "event", createdAt: ago(2189) },
  ]);
  const message = (subject: string, daysAgo: number) => ({
    eventId: recent.id,
    senderEmail: "organizer@gsa.gov",
    audience: "going" as const,
    subject,
    body: "Text",
    recipients: [],
    createdAt: ago(daysAgo),
  });
  await db.insert(eventMessages).values([message("old message", 1096), message("recent message", 1094)]);
  const mail = (kind: string, status: "pending" | "sent" | "failed", daysAgo: number) => ({
    to: "a@agency.gov",
    subject: kind,
    text: "",
    kind,
    status,
    createdAt: ago(daysAgo),
  });
  await db
    .insert(outbox)
    .values([mail("old-sent", "sent", 1096), mail("old-failed", "failed", 1096), mail("old-pending", "pending", 1096), mail("recent-sent", "sent", 1094)]);
  return { longPast, recent };
}

beforeEach(async () => {
  await clearTables(database.db, housekeepingRuns, calendarInvites, rsvps, eventMessages, auditLog, outbox, events);
});

const run = (retention: RetentionSettings) => runDailyHousekeeping({ now, retentionDays: 0, retention });

describe("retention per record type, in the daily housekeeping", () => {
  it("removes each kind only once its own period has passed", async () => {
    const { recent } = await seed();
    const result = await run(settings);
    expect(result).toMatchObject({ ran: true, removed: { auditEntries: 1, organizerMessages: 1, rsvps: 1, mailLog: 2 } });
    const db = database.db;
    expect((await db.select().from(auditLog)).map((r) => r.action)).toEqual(["recent.entry"]);
    expect((await db.select().from(eventMessages)).map((r) => r.subject)).toEqual(["recent message"]);
    expect((await db.select().from(rsvps)).map((r) => r.eventId)).toEqual([recent.id]);
    // The invitation ledger goes with its RSVP; the events themselves stay.
    expect(await db.select().from(calendarInvites)).toEqual([]);
    expect(await db.select().from(events)).toHaveLength(2);
    expect((await db.select().from(outbox)).map((r) => r.kind).sort()).toEqual(["old-pending", "recent-sent"]);
  });

  it("keeps a kind whose period is 0 forever", async () => {
    await seed();
    const result = await run({ ...settings, auditDays: 0, messagesDays: 0, rsvpsDays: 0, mailLogDays: 0 });
    expect(result).toMatchObject({ ran: true, removed: { auditEntries: 0, organizerMessages: 0, rsvps: 0, mailLog: 0 } });
    expect(await database.db.select().from(auditLog)).toHaveLength(2);
    expect(await database.db.select().from(rsvps)).toHaveLength(2);
  });

  it("removes nothing at all under a hold, accommodation requests included", async () => {
    await seed();
    const [longPast] = await database.db
      .select()
      .from(events)
      .where(lt(events.endsAt, ago(1050)));
    const asker = await createMember(database.db);
    await database.db.insert(accommodationRequests).values({ eventId: longPast!.id, userId: asker.id, needs: ["cart"] });
    const result = await run({ ...settings, hold: true });
    expect(result).toMatchObject({ ran: true, removed: { auditEntries: 0, organizerMessages: 0, rsvps: 0, mailLog: 0, accommodationRequests: 0 } });
    expect(await database.db.select().from(accommodationRequests)).toHaveLength(1);
    expect(await database.db.select().from(eventMessages)).toHaveLength(2);
    expect(await database.db.select().from(outbox)).toHaveLength(4);
  });

  it("reads its settings from the environment, with defaults, and refuses a period that looks like a slip", () => {
    const env = parseEnv({});
    expect([env.RETENTION_AUDIT_DAYS, env.RETENTION_MESSAGES_DAYS, env.RETENTION_RSVPS_DAYS, env.RETENTION_MAIL_LOG_DAYS, env.RETENTION_HOLD]).toEqual([
      2190,
      1095,
      1095,
      1095,
      "false",
    ]);
    expect(parseEnv({ RETENTION_AUDIT_DAYS: "0" }).RETENTION_AUDIT_DAYS).toBe(0);
    expect(() => parseEnv({ RETENTION_MESSAGES_DAYS: "7" })).toThrow(/RETENTION_MESSAGES_DAYS must be 0 \(keep forever\) or between 30 and 36500 days/);
    expect(() => parseEnv({ RETENTION_HOLD: "yes" })).toThrow(/RETENTION_HOLD must be true or false/);
  });
});
