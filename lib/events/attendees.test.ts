import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, events, rsvps, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/viewer";
import { clearTables, createEvent, createMember, viewerOf } from "@/test/factories";
import { attendeesCsv, checkInAttendee, CSV_COLUMNS, listAttendees } from "./attendees";
import { expectAppError } from "@/test/fixtures";

const database = useTestDatabase();

let organizer: Viewer;

beforeEach(async () => {
  await clearTables(database.db, auditLog, rsvps, events, users);
  organizer = viewerOf(await createMember(database.db, { role: "organizer" }));
});

/** Just enough RFC 4180 to read back what the export wrote, split on `delimiter` as a spreadsheet in that locale would. */
function parseCsv(text: string, delimiter = ","): string[][] {
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
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === delimiter) {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && input[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += ch;
    }
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

async function person(name: string, extra: Partial<typeof users.$inferInsert> = {}) {
  return createMember(database.db, { name, email: `${name.toLowerCase().replace(/\W+/g, ".")}@agency.gov`, ...extra });
}

async function rsvp(eventId: string, userId: string, status: "going" | "waitlisted" | "cancelled", queuedAt: string) {
  await database.db.insert(rsvps).values({ eventId, userId, status, queuedAt: new Date(queuedAt) });
}

async function seededEvent() {
  const event = await createEvent(database.db, { slug: "captions-that-work-2030-12-03", capacity: 2 });
  const ana = await person("Ana Ruiz", { agency: "GSA", jobTitle: "Writer" });
  const bo = await person("Bo Li");
  const cy = await person("Cy Park");
  const di = await person("Di Chen");
  const ed = await person("Ed Moss");
  await rsvp(event.id, bo.id, "going", "2030-11-01T10:01:00Z");
  await rsvp(event.id, ana.id, "going", "2030-11-01T10:00:00Z");
  await rsvp(event.id, di.id, "waitlisted", "2030-11-01T10:04:00Z");
  await rsvp(event.id, cy.id, "waitlisted", "2030-11-01T10:03:00Z");
  await rsvp(event.id, ed.id, "cancelled", "2030-11-01T10:02:00Z");
  return { event, ana, bo, cy, di, ed };
}

describe("listAttendees", () => {
  it("groups people by status, the waitlist in queue order with positions, with counts", async () => {
    const { event, ana } = await seededEvent();
    const list = await listAttendees(organizer, event.id);
    expect(list.counts).toEqual({ going: 2, waitlisted: 2, cancelled: 1 });
    expect(list.going.map((a) => a.name)).toEqual(["Ana Ruiz", "Bo Li"]);
    expect(list.going[0]).toMatchObject({ email: ana.email, agency: "GSA", jobTitle: "Writer", checkedInAt: null, position: null });
    expect(list.waitlisted.map((a) => [a.name, a.position])).toEqual([
      ["Cy Park", 1],
      ["Di Chen", 2],
    ]);
    expect(list.cancelled.map((a) => a.name)).toEqual(["Ed Moss"]);
    expect(list.event).toMatchObject({ id: event.id, slug: "captions-that-work-2030-12-03", capacity: 2 });
  });

  it("is for organizers and admins only", async () => {
    const { event } = await seededEvent();
    const member = viewerOf(await createMember(database.db));
    await expectAppError(listAttendees(member, event.id), "forbidden");
    await expectAppError(attendeesCsv(member, event.id), "forbidden");
    await expectAppError(listAttendees(null, event.id), "unauthenticated");
    const admin = viewerOf(await createMember(database.db, { role: "admin" }));
    expect((await listAttendees(admin, event.id)).counts.going).toBe(2);
    await expectAppError(listAttendees(organizer, "00000000-0000-4000-8000-000000000000"), "not_found");
    await expectAppError(listAttendees(organizer, "nope"), "not_found");
  });
});

describe("checkInAttendee", () => {
  it("checks in someone going, undoes it, and audits both", async () => {
    const { event, ana } = await seededEvent();
    const now = new Date("2030-12-03T19:05:00Z");
    expect(await checkInAttendee(organizer, { eventId: event.id, userId: ana.id, checkedIn: true }, now)).toEqual({ checkedInAt: now });
    expect((await listAttendees(organizer, event.id)).going[0]?.checkedInAt).toEqual(now);
    await checkInAttendee(organizer, { eventId: event.id, userId: ana.id, checkedIn: false });
    const [row] = await database.db
      .select({ checkedInAt: rsvps.checkedInAt })
      .from(rsvps)
      .where(and(eq(rsvps.eventId, event.id), eq(rsvps.userId, ana.id)));
    expect(row?.checkedInAt).toBeNull();
    const actions = (await database.db.select().from(auditLog)).map((entry) => entry.action);
    expect(actions).toEqual(["rsvp.checked_in", "rsvp.check_in_undone"]);
  });

  it("refuses people who are not going, members, and unpublished events", async () => {
    const { event, cy, ed, ana } = await seededEvent();
    await expectAppError(checkInAttendee(organizer, { eventId: event.id, userId: cy.id, checkedIn: true }), "conflict");
    await expectAppError(checkInAttendee(organizer, { eventId: event.id, userId: ed.id, checkedIn: true }), "conflict");
    await expectAppError(checkInAttendee(organizer, { eventId: event.id, userId: "x", checkedIn: true }), "not_found");
    const member = viewerOf(ana);
    await expectAppError(checkInAttendee(member, { eventId: event.id, userId: ana.id, checkedIn: true }), "forbidden");
    await database.db.update(events).set({ status: "cancelled" }).where(eq(events.id, event.id));
    await expectAppError(checkInAttendee(organizer, { eventId: event.id, userId: ana.id, checkedIn: true }), "conflict");
  });
});

describe("attendeesCsv", () => {
  it("exports every person with the agreed columns, named after the event", async () => {
    const { event, ana } = await seededEvent();
    const checkedAt = new Date("2030-12-03T19:05:00Z");
    await checkInAttendee(organizer, { eventId: event.id, userId: ana.id, checkedIn: true }, checkedAt);
    const { filename, csv } = await attendeesCsv(organizer, event.id);
    expect(filename).toBe("attendees-captions-that-work-2030-12-03.csv");
    expect(csv.startsWith('\uFEFF"Name","Email","Agency","Job title","Status","Waitlist position","RSVP time","Checked in"\r\n')).toBe(true);
    const rows: string[][] = parseCsv(csv);
    expect(rows[0]).toEqual(CSV_COLUMNS);
    expect(rows.slice(1).map((row) => [row[0], row[4], row[5]])).toEqual([
      ["Ana Ruiz", "Going", ""],
      ["Bo Li", "Going", ""],
      ["Cy Park", "Waitlisted", "1"],
      ["Di Chen", "Waitlisted", "2"],
      ["Ed Moss", "Cancelled", ""],
    ]);
    expect(rows[1]).toEqual(["Ana Ruiz", ana.email, "GSA", "Writer", "Going", "", "2030-11-01T10:00:00.000Z", "2030-12-03T19:05:00.000Z"]);
  });

  it("neutralizes cells a spreadsheet would run as formulas", async () => {
    const event = await createEvent(database.db, { slug: "formula-test" });
    const evil = await createMember(database.db, {
      name: '=HYPERLINK("http://x","click")',
      agency: "+cmd|' /C calc'!A0",
      jobTitle: "@SUM(1+1)",
      email: "evil@agency.gov",
    });
    const dash = await createMember(database.db, { name: "-2+3", agency: "\tTabbed", jobTitle: "\rReturn", email: "dash@agency.gov" });
    await rsvp(event.id, evil.id, "going", "2030-11-01T10:00:00Z");
    await rsvp(event.id, dash.id, "going", "2030-11-01T10:01:00Z");
    const rows: string[][] = parseCsv((await attendeesCsv(organizer, event.id)).csv);
    expect(rows[1]!.slice(0, 4)).toEqual([`'=HYPERLINK("http://x","click")`, "evil@agency.gov", "'+cmd|' /C calc'!A0", "'@SUM(1+1)"]);
    expect(rows[2]!.slice(0, 4)).toEqual(["'-2+3", "dash@agency.gov", "'\tTabbed", "'\rReturn"]);
  });

  it("starts no formula in a locale that separates cells with semicolons", async () => {
    const event = await createEvent(database.db, { slug: "semicolon-test" });
    const pat = await createMember(database.db, { name: "Pat;=1+1", agency: "GSA;+SUM(1)", jobTitle: "Lead;@A1", email: "pat@agency.gov" });
    await rsvp(event.id, pat.id, "going", "2030-11-01T10:00:00Z");
    const { csv } = await attendeesCsv(organizer, event.id);
    // Every cell is quoted, empty ones too, so no separator inside a value starts a new cell.
    const line = csv.replace(/^\uFEFF/, "").split("\r\n")[1]!;
    expect(line).toMatch(/^"Pat;=1\+1","pat@agency\.gov","GSA;\+SUM\(1\)","Lead;@A1","Going","",/);
    for (const delimiter of [",", ";"]) {
      for (const cell of parseCsv(csv, delimiter).flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it("records who exported the list, and how many people it held", async () => {
    const { event } = await seededEvent();
    await attendeesCsv(organizer, event.id);
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.action, "attendees.exported"));
    expect(entries).toEqual([expect.objectContaining({ actorId: organizer.id, targetType: "event", targetId: event.id, detail: { format: "csv", rows: 5 } })]);
    // A refused export leaves no entry.
    await expectAppError(attendeesCsv(viewerOf(await createMember(database.db)), event.id), "forbidden");
    expect(await database.db.select().from(auditLog).where(eq(auditLog.action, "attendees.exported"))).toHaveLength(1);
  });
});
