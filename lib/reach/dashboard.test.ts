import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, calendarInvites, events, notifications, outbox, rateLimits, rsvps, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { cancelRsvp, rsvpToEvent } from "@/lib/events/rsvp";
import type { Viewer } from "@/lib/viewer";
import { clearTables, createEvent, createMember, viewerOf } from "@/test/factories";
import { expectAppError } from "@/test/fixtures";
import { getCommunityReach, getEventReach, reachCsv } from "./dashboard";
import { parseReachPeriod } from "./period-schema";

const database = useTestDatabase();

// Noon UTC on Monday 15 June 2026; the viewers' zone is New York (UTC-4 in summer).
const NOW = new Date("2026-06-15T12:00:00Z");
const MAY_20 = new Date("2026-05-20T15:00:00Z");

let organizer: Viewer;
let otherOrganizer: Viewer;
let admin: Viewer;
let member: Viewer;

beforeEach(async () => {
  await clearTables(database.db, auditLog, rateLimits, notifications, calendarInvites, outbox, rsvps, events, users);
  organizer = viewerOf(await createMember(database.db, { role: "organizer" }));
  otherOrganizer = viewerOf(await createMember(database.db, { role: "organizer" }));
  admin = viewerOf(await createMember(database.db, { role: "admin" }));
  member = viewerOf(await createMember(database.db));
});

/** Just enough RFC 4180 to read the export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const input = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (input[i + 1] === '"') cell += input[++i];
      else quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && input[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

async function rsvp(eventId: string, userId: string, values: Partial<typeof rsvps.$inferInsert> = {}) {
  await database.db.insert(rsvps).values({ eventId, userId, status: "going", createdAt: MAY_20, queuedAt: MAY_20, ...values });
}

/**
 * A past event with one of everything, an upcoming one, one before the default period and a draft:
 * federal (two agencies), state, local and a member from before the registry (no level, no organization).
 */
async function craft() {
  const db = database.db;
  const past = await createEvent(db, {
    createdBy: organizer.id,
    createdAt: new Date("2026-05-01T14:00:00Z"),
    startsAt: new Date("2026-06-01T14:00:00Z"),
    endsAt: new Date("2026-06-01T15:00:00Z"),
    capacity: 3,
  });
  const upcoming = await createEvent(db, { createdBy: organizer.id, startsAt: new Date("2026-06-15T20:00:00Z"), endsAt: new Date("2026-06-15T21:00:00Z") }); // later today
  const older = await createEvent(db, { createdBy: organizer.id, startsAt: new Date("2026-01-10T14:00:00Z"), endsAt: new Date("2026-01-10T15:00:00Z") });
  const draft = await createEvent(db, { status: "draft", startsAt: new Date("2026-06-02T14:00:00Z"), endsAt: new Date("2026-06-02T15:00:00Z") });
  const gsa = await createMember(db);
  const energy = await createMember(db, { organization: "Department of Energy" });
  const ohio = await createMember(db, { governmentLevel: "state", organization: "State of Ohio" });
  const austin = await createMember(db, { governmentLevel: "local", organization: "City of Austin" });
  const before = await createMember(db, { governmentLevel: null, organization: null });

  await rsvp(past.id, gsa.id, { checkedInAt: new Date("2026-06-01T14:05:00Z") });
  await rsvp(past.id, energy.id); // a no-show
  await rsvp(past.id, ohio.id, { promotedAt: new Date("2026-05-25T10:00:00Z"), checkedInAt: new Date("2026-06-01T14:10:00Z") });
  await rsvp(past.id, austin.id, { status: "waitlisted" });
  await rsvp(past.id, before.id, { status: "cancelled" });
  await rsvp(upcoming.id, before.id);
  await rsvp(upcoming.id, gsa.id);
  await rsvp(older.id, energy.id, { checkedInAt: new Date("2026-01-10T14:05:00Z") });
  await rsvp(draft.id, ohio.id);
  return { past, upcoming, older, draft };
}

describe("the community dashboard", () => {
  it("counts RSVPs, attendance, no-shows and conversions of published events starting in the period", async () => {
    await craft();
    const reach = await getCommunityReach(organizer, {}, NOW);
    expect(reach.period.from).toBe("2026-03-18");
    expect(reach.period.to).toBe("2026-06-15");
    expect(reach.summary).toEqual({ events: 2, rsvps: 6, going: 5, waitlisted: 1, cancelled: 1, attended: 2, noShows: 1, conversions: 1 });
  });

  it("breaks attendance down by level of government, every level listed and unrecorded ones as Not recorded", async () => {
    await craft();
    const { byLevel } = await getCommunityReach(organizer, {}, NOW);
    expect(byLevel.map((r) => [r.label, r.rsvps, r.attended, r.noShows])).toEqual([
      ["Federal", 3, 1, 1],
      ["State or territory", 1, 1, 0],
      ["Local", 1, 0, 0],
      ["Tribal", 0, 0, 0],
      ["Other", 0, 0, 0],
      ["Not recorded", 1, 0, 0],
    ]);
  });

  it("ranks organizations by attendance, then RSVPs, then name", async () => {
    await craft();
    const { byOrganization } = await getCommunityReach(organizer, {}, NOW);
    expect(byOrganization.map((r) => [r.label, r.rsvps, r.attended, r.noShows])).toEqual([
      ["General Services Administration", 2, 1, 0],
      ["State of Ohio", 1, 1, 0],
      ["City of Austin", 1, 0, 0],
      ["Department of Energy", 1, 0, 1],
      ["Not recorded", 1, 0, 0],
    ]);
  });

  it("keeps the ten biggest organizations and folds the rest into one row", async () => {
    const event = await createEvent(database.db, { startsAt: new Date("2026-06-10T14:00:00Z"), endsAt: new Date("2026-06-10T15:00:00Z") });
    for (let org = 1; org <= 12; org++) {
      for (let i = 0; i < org; i++) {
        const person = await createMember(database.db, { organization: `Agency ${String(org).padStart(2, "0")}` });
        await rsvp(event.id, person.id);
      }
    }
    const { byOrganization, summary } = await getCommunityReach(admin, {}, NOW);
    expect(byOrganization.map((r) => [r.label, r.rsvps])).toEqual([
      ...Array.from({ length: 10 }, (_, i) => [`Agency ${String(12 - i).padStart(2, "0")}`, 12 - i]),
      ["All other organizations", 3],
    ]);
    expect(summary.rsvps).toBe(78);
    expect(summary.noShows).toBe(78);
  });

  it("takes whole days in the viewer's zone, both ends included", async () => {
    const at = (iso: string) => createEvent(database.db, { startsAt: new Date(iso), endsAt: new Date(new Date(iso).getTime() + 3600_000) });
    const person = await createMember(database.db);
    const inside = [await at("2026-06-01T04:00:00Z"), await at("2026-06-08T03:59:00Z")]; // 00:00 on 1 June and 23:59 on 7 June in New York
    const outside = [await at("2026-06-01T03:59:00Z"), await at("2026-06-08T04:00:00Z")];
    for (const event of [...inside, ...outside]) await rsvp(event.id, person.id);
    const reach = await getCommunityReach(organizer, { from: "2026-06-01", to: "2026-06-07" }, NOW);
    expect(reach.summary.events).toBe(2);
    expect(reach.summary.rsvps).toBe(2);
    expect(reach.period.start.toISOString()).toBe("2026-06-01T04:00:00.000Z");
    expect(reach.period.end.toISOString()).toBe("2026-06-08T04:00:00.000Z");
  });

  it("counts new members per week and per month, empty buckets included", async () => {
    const joined = (iso: string | null) => createMember(database.db, { guidelinesAcceptedAt: iso ? new Date(iso) : null });
    await joined("2026-06-01T04:00:00Z"); // Monday 1 June, midnight in New York
    await joined("2026-06-08T03:59:00Z"); // Sunday 7 June, 23:59 in New York
    await joined("2026-06-08T04:00:00Z"); // Monday 8 June
    await joined("2026-05-31T12:00:00Z"); // before the period
    await joined(null); // signed in, never joined
    const weeks = await getCommunityReach(organizer, { from: "2026-06-01", to: "2026-06-21", by: "week" }, NOW);
    expect(weeks.newMembers).toEqual([
      { bucket: "2026-06-01", members: 2 },
      { bucket: "2026-06-08", members: 1 },
      { bucket: "2026-06-15", members: 0 },
    ]);
    const months = await getCommunityReach(organizer, { from: "2026-04-01", to: "2026-06-30", by: "month" }, NOW);
    expect(months.newMembers).toEqual([
      { bucket: "2026-04-01", members: 0 },
      { bucket: "2026-05-01", members: 1 },
      { bucket: "2026-06-01", members: 3 },
    ]);
  });

  it("is for organizers and admins, never members", async () => {
    await expectAppError(getCommunityReach(member, {}, NOW), "forbidden");
    await expectAppError(getCommunityReach(null, {}, NOW), "unauthenticated");
    await expect(getCommunityReach(admin, {}, NOW)).resolves.toBeTruthy();
    await expect(getCommunityReach(otherOrganizer, {}, NOW)).resolves.toBeTruthy();
  });
});

describe("an event's dashboard", () => {
  it("counts the event's RSVPs made in its own life by default", async () => {
    const { past } = await craft();
    const reach = await getEventReach(organizer, past.id, {}, NOW);
    expect([reach.period.from, reach.period.to]).toEqual(["2026-05-01", "2026-06-01"]);
    expect(reach.summary).toEqual({ events: 1, rsvps: 4, going: 3, waitlisted: 1, cancelled: 1, attended: 2, noShows: 1, conversions: 1 });
    expect(reach.byLevel.find((r) => r.key === "federal")).toMatchObject({ rsvps: 2, attended: 1, noShows: 1 });
    expect(reach.byLevel.find((r) => r.key === "local")).toMatchObject({ rsvps: 1, attended: 0, noShows: 0 });
    expect(reach.newMembers).toBeNull();
  });

  it("narrows to RSVPs made in the chosen period", async () => {
    const { past } = await craft();
    const reach = await getEventReach(organizer, past.id, { from: "2026-05-21", to: "2026-06-01" }, NOW);
    expect(reach.summary.rsvps).toBe(0);
  });

  it("is for the community's organizers (as managing the event is) and admins, never members", async () => {
    const { past } = await craft();
    await expectAppError(getEventReach(member, past.id, {}, NOW), "forbidden");
    await expect(getEventReach(otherOrganizer, past.id, {}, NOW)).resolves.toMatchObject({ event: { id: past.id } });
    await expect(getEventReach(admin, past.id, {}, NOW)).resolves.toMatchObject({ event: { id: past.id } });
    await expectAppError(getEventReach(organizer, "not-a-uuid", {}, NOW), "not_found");
    await expectAppError(getEventReach(organizer, "00000000-0000-4000-8000-000000000000", {}, NOW), "not_found");
  });

  it("counts a waitlist conversion when a seat opens and promoteFromWaitlist gives it", async () => {
    const event = await createEvent(database.db, { createdBy: organizer.id, capacity: 1 });
    const first = viewerOf(await createMember(database.db));
    const second = viewerOf(await createMember(database.db, { governmentLevel: "tribal", organization: "Cherokee Nation" }));
    await rsvpToEvent(first, { eventId: event.id });
    await rsvpToEvent(second, { eventId: event.id });
    expect((await getEventReach(organizer, event.id, {})).summary).toMatchObject({ going: 1, waitlisted: 1, conversions: 0 });
    await cancelRsvp(first, { eventId: event.id });
    const [row] = await database.db
      .select({ promotedAt: rsvps.promotedAt })
      .from(rsvps)
      .where(and(eq(rsvps.eventId, event.id), eq(rsvps.userId, second.id)));
    expect(row?.promotedAt).toBeInstanceOf(Date);
    const reach = await getEventReach(organizer, event.id, {});
    expect(reach.summary).toMatchObject({ going: 1, waitlisted: 0, cancelled: 1, conversions: 1 });
    expect(reach.byOrganization).toEqual([{ key: "Cherokee Nation", label: "Cherokee Nation", rsvps: 1, attended: 0, noShows: 0 }]);
    // RSVPing afresh after cancelling is a new RSVP, not a conversion.
    await cancelRsvp(second, { eventId: event.id });
    await rsvpToEvent(second, { eventId: event.id });
    expect((await getEventReach(organizer, event.id, {})).summary.conversions).toBe(0);
  });
});

describe("the period", () => {
  it("defaults to the last 90 days and refuses bad dates, reversed or overlong periods with clear messages", () => {
    const opts = { timeZone: "America/New_York", now: NOW };
    expect(parseReachPeriod({}, opts).period).toMatchObject({ from: "2026-03-18", to: "2026-06-15", by: "week" });
    expect(parseReachPeriod({ from: "2026-02-30" }, opts).errors.from?.[0]).toMatch(/real date/);
    expect(parseReachPeriod({ from: "yesterday" }, opts).errors.from?.[0]).toMatch(/YYYY-MM-DD/);
    expect(parseReachPeriod({ from: "2026-06-10", to: "2026-06-01" }, opts).errors.to?.[0]).toMatch(/on or after/);
    const long = parseReachPeriod({ from: "2025-01-01", to: "2026-06-01" }, opts);
    expect(long.errors.to?.[0]).toMatch(/at most 366 days/);
    expect(long.period.from).toBe("2026-03-18");
    expect(parseReachPeriod({ by: "day" }, opts).errors.by?.[0]).toMatch(/week or month/);
    expect(parseReachPeriod({ from: ["2026-06-01", "x"], to: "2026-06-02" }, opts).period.from).toBe("2026-06-01");
    expect(parseReachPeriod({ from: "2025-06-15", to: "2026-06-15" }, opts).errors).toEqual({});
  });
});

describe("CSV export", () => {
  it("writes each table with headings, for the period asked, and audits it", async () => {
    const { past } = await craft();
    const levels = await reachCsv(organizer, { table: "levels", raw: {} }, NOW);
    expect(levels.filename).toBe("reach-community-levels-2026-03-18-to-2026-06-15.csv");
    expect(parseCsv(levels.csv)).toEqual([
      ["Level of government", "RSVPs", "Attended", "No-shows"],
      ["Federal", "3", "1", "1"],
      ["State or territory", "1", "1", "0"],
      ["Local", "1", "0", "0"],
      ["Tribal", "0", "0", "0"],
      ["Other", "0", "0", "0"],
      ["Not recorded", "1", "0", "0"],
    ]);
    const summary = parseCsv((await reachCsv(organizer, { eventId: past.id, table: "summary", raw: {} }, NOW)).csv);
    expect(summary).toContainEqual(["No-shows", "1"]);
    expect(summary).toContainEqual(["Waitlist conversions", "1"]);
    expect(summary.at(-1)).toEqual(["Period", "2026-05-01 to 2026-06-01"]);
    const members = parseCsv((await reachCsv(admin, { table: "members", raw: { from: "2026-06-01", to: "2026-06-14" } }, NOW)).csv);
    expect(members[0]).toEqual(["Week starting", "New members"]);
    expect(members.slice(1).map((r) => r[0])).toEqual(["2026-06-01", "2026-06-08"]);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, "reach.exported"));
    expect(audits.map((a) => a.detail.table).sort()).toEqual(["levels", "members", "summary"]);
  });

  it("makes cells that would start a formula plain text", async () => {
    const event = await createEvent(database.db, { startsAt: new Date("2026-06-10T14:00:00Z"), endsAt: new Date("2026-06-10T15:00:00Z") });
    for (const organization of ['=HYPERLINK("https://evil.example","x")', "+1+1", "@SUM(A1)", "-2", "Plain; =1+1"]) {
      await rsvp(event.id, (await createMember(database.db, { organization })).id);
    }
    const { csv } = await reachCsv(organizer, { table: "organizations", raw: {} }, NOW);
    const labels = parseCsv(csv)
      .slice(1)
      .map((r) => r[0]);
    expect(labels).toEqual(["'+1+1", "'-2", '\'=HYPERLINK("https://evil.example","x")', "'@SUM(A1)", "Plain; =1+1"]);
    // Every cell is quoted, so a `;` locale cannot split one into a formula either.
    expect(csv).toContain('"Plain; =1+1"');
  });

  it("refuses members, unknown tables and bad periods", async () => {
    const { past } = await craft();
    await expectAppError(reachCsv(member, { table: "levels", raw: {} }, NOW), "forbidden");
    await expectAppError(reachCsv(member, { eventId: past.id, table: "levels", raw: {} }, NOW), "forbidden");
    await expect(reachCsv(admin, { eventId: past.id, table: "levels", raw: {} }, NOW)).resolves.toMatchObject({ filename: expect.stringContaining(past.slug) });
    await expectAppError(reachCsv(organizer, { table: "secrets", raw: {} }, NOW), "not_found");
    await expect(reachCsv(organizer, { table: undefined, raw: {} }, NOW)).resolves.toMatchObject({ filename: expect.stringContaining("-summary-") });
    await expectAppError(reachCsv(organizer, { eventId: past.id, table: "members", raw: {} }, NOW), "not_found");
    const bad = await expectAppError(reachCsv(organizer, { table: "levels", raw: { from: "2026-13-01" } }, NOW), "invalid");
    expect(bad.fieldErrors?.from?.[0]).toMatch(/real date/);
  });
});
