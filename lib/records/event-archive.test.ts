import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { accommodationRequests, auditLog, resources } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { updateEvent } from "@/lib/events/manage";
import { rsvpToEvent, cancelRsvp } from "@/lib/events/rsvp";
import { sendEventMessage } from "@/lib/notifications/messages";
import { createEvent, createMember, eventInputOf, viewerOf } from "@/test/factories";
import "@/lib/notifications/test-helpers";
import { wireAccommodationRecords, type AccommodationRecord } from "./accommodations";
import { openEventArchive } from "./event-archive";
import { openMessagesArchive } from "./messages-archive";
import { readStream, sha256, unzip } from "./test-zip";
import type { Manifest } from "./archive";

const database = useTestDatabase();

afterEach(() => wireAccommodationRecords(null));

/** An event with three RSVPs (one cancelled), two messages, an edit, a resource, and another event beside it. */
async function scene() {
  const db = database.db;
  const admin = await createMember(db, { role: "admin", email: `admin-${crypto.randomUUID().slice(0, 6)}@gsa.gov` });
  const organizer = await createMember(db, { role: "organizer" });
  const member = await createMember(db);
  const event = await createEvent(db, { createdBy: organizer.id, title: '=HYPERLINK("x") Records day' });
  const other = await createEvent(db);
  const people = await Promise.all([1, 2, 3].map((n) => createMember(db, { name: `Attendee ${n}` })));
  for (const person of people) await rsvpToEvent(viewerOf(person), { eventId: event.id });
  await cancelRsvp(viewerOf(people[2]!), { eventId: event.id });
  const outsider = await createMember(db);
  await rsvpToEvent(viewerOf(outsider), { eventId: other.id });
  const first = await sendEventMessage(viewerOf(organizer), { eventId: event.id, audience: "going", subject: "Room change", body: "Room 1200 now." });
  const second = await sendEventMessage(viewerOf(organizer), { eventId: event.id, audience: "both", subject: "Slides", body: "=1+1 slides attached" });
  await sendEventMessage(viewerOf(organizer), { eventId: other.id, audience: "going", subject: "Other event", body: "Not this one." });
  await updateEvent(viewerOf(organizer), event.id, eventInputOf(event, { summary: "A new summary for the record." }));
  await db
    .insert(resources)
    .values({ title: "Slides deck", kind: "link", type: "slides", url: "https://example.gov/slides", eventId: event.id, createdBy: organizer.id });
  return { admin, organizer, member, event, other, people, outsider, messages: [first.id, second.id] };
}

async function archiveFiles(stream: ReadableStream<Uint8Array>) {
  const files = await unzip(await readStream(stream));
  const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8")) as Manifest;
  const csv = (name: string) => parse(files.get(name)!.toString("utf8"), { columns: true, bom: true }) as Record<string, string>[];
  return { files, manifest, csv };
}

describe("an event's records archive", () => {
  it("holds the event, its versions, RSVPs, messages with recipients and resources, each once, with a manifest whose checksums match", async () => {
    const { admin, event, people, outsider, messages } = await scene();
    const { filename, stream } = await openEventArchive(viewerOf(admin), { eventId: event.id, includeAccommodations: false });
    expect(filename).toMatch(new RegExp(`^records-${event.slug}-\\d{8}-\\d{6}\\.zip$`));
    const { files, manifest, csv } = await archiveFiles(stream);

    expect([...files.keys()].sort()).toEqual(
      ["audit-trail.csv", "event-versions.json", "event.json", "manifest.json", "message-recipients.csv", "messages.csv", "resources.csv", "rsvps.csv"].sort(),
    );
    expect(manifest.files.map((f) => f.name)).toEqual([...files.keys()].filter((name) => name !== "manifest.json"));
    for (const listed of manifest.files) {
      const content = files.get(listed.name)!;
      expect(listed.sha256, listed.name).toBe(sha256(content));
      expect(listed.bytes, listed.name).toBe(content.length);
    }
    expect(manifest).toMatchObject({
      kind: "event-records",
      createdBy: { id: admin.id, email: admin.email },
      scope: { eventId: event.id, includeAccommodations: false },
    });

    const rsvpRows = csv("rsvps.csv");
    expect(rsvpRows.map((r) => r.Email).sort()).toEqual(people.map((p) => p.email).sort());
    expect(rsvpRows.find((r) => r.Email === people[2]!.email)?.Status).toBe("cancelled");
    expect(rsvpRows.some((r) => r.Email === outsider.email)).toBe(false);
    expect(manifest.files.find((f) => f.name === "rsvps.csv")?.records).toBe(3);

    const messageRows = csv("messages.csv");
    expect(messageRows.map((r) => r["Message ID"])).toEqual(messages);
    // Formula-looking text is kept as text, not run by a spreadsheet.
    expect(messageRows[1]!.Body).toBe("'=1+1 slides attached");
    const recipients = csv("message-recipients.csv");
    expect(
      recipients
        .filter((r) => r["Message ID"] === messages[0])
        .map((r) => r.Email)
        .sort(),
    ).toEqual([people[0]!.email, people[1]!.email].sort());
    expect(recipients.every((r) => r.Delivery === "pending")).toBe(true);
    expect(csv("resources.csv").map((r) => r.Title)).toEqual(["Slides deck"]);

    const current = JSON.parse(files.get("event.json")!.toString("utf8"));
    expect(current).toMatchObject({ id: event.id, summary: "A new summary for the record." });
    const versions = JSON.parse(files.get("event-versions.json")!.toString("utf8")) as { action: string; event: { summary: string } }[];
    expect(versions.map((v) => v.action)).toEqual(["event.updated"]);
    expect(versions[0]!.event.summary).toBe("A new summary for the record.");

    const trail = csv("audit-trail.csv");
    expect(trail.map((r) => r.Action)).toEqual(["event.message_sent", "event.message_sent", "event.updated", "records.exported"]);
    expect(trail.every((r) => !r["Detail (JSON, event snapshot left out)"]!.includes('"snapshot"'))).toBe(true);
    expect(files.has("accommodations.csv")).toBe(false);
    expect(manifest.notes.join(" ")).toContain("not included");
  });

  it("is in the audit log, with who made it and what it holds", async () => {
    const { admin, event } = await scene();
    const { stream, filename } = await openEventArchive(viewerOf(admin), { eventId: event.id, includeAccommodations: false });
    const { manifest } = await archiveFiles(stream);
    const rows = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "records.exported"), eq(auditLog.targetId, event.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: manifest.auditId,
      actorId: admin.id,
      targetType: "event",
      detail: { kind: "event-records", archive: filename, includeAccommodations: false },
    });
  });

  it("carries accommodation requests only when they are asked for", async () => {
    const { admin, event, people } = await scene();
    let reads = 0;
    const request: AccommodationRecord = {
      id: "req-1",
      rsvpId: null,
      userId: people[0]!.id,
      email: people[0]!.email,
      request: "ASL interpreter",
      status: "open",
      createdAt: new Date("2030-01-01T00:00:00Z"),
      updatedAt: null,
    };
    wireAccommodationRecords(async function* (eventId) {
      reads++;
      if (eventId === event.id) yield [request];
    });

    const without = await archiveFiles((await openEventArchive(viewerOf(admin), { eventId: event.id, includeAccommodations: false })).stream);
    expect(without.files.has("accommodations.csv")).toBe(false);
    expect([...without.files.values()].some((content) => content.toString("utf8").includes("ASL interpreter"))).toBe(false);
    expect(reads).toBe(0);

    const withThem = await archiveFiles((await openEventArchive(viewerOf(admin), { eventId: event.id, includeAccommodations: true })).stream);
    expect(withThem.csv("accommodations.csv")).toEqual([expect.objectContaining({ Request: "ASL interpreter", Email: people[0]!.email })]);
    expect(withThem.manifest.scope).toMatchObject({ includeAccommodations: true });
    expect(withThem.manifest.files.find((f) => f.name === "accommodations.csv")?.sha256).toBe(sha256(withThem.files.get("accommodations.csv")!));
  });

  it("reads accommodation requests from their table, once each, only when asked", async () => {
    const { admin, event, other, people } = await scene();
    await database.db.insert(accommodationRequests).values([
      { eventId: event.id, userId: people[0]!.id, needs: ["cart", "asl"], other: "Front row, please" },
      { eventId: other.id, userId: people[1]!.id, needs: ["large_print"] },
    ]);
    const without = await archiveFiles((await openEventArchive(viewerOf(admin), { eventId: event.id, includeAccommodations: false })).stream);
    expect([...without.files.values()].some((content) => content.toString("utf8").includes("Front row"))).toBe(false);

    const withThem = await archiveFiles((await openEventArchive(viewerOf(admin), { eventId: event.id, includeAccommodations: true })).stream);
    const rows = withThem.csv("accommodations.csv");
    expect(rows).toEqual([
      expect.objectContaining({ Email: people[0]!.email, Request: "CART captioning; ASL interpretation; Other: Front row, please", Status: "received" }),
    ]);
    expect(rows[0]!["RSVP ID"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses members, organizers and visitors, and audits nothing for them", async () => {
    const { organizer, member, event } = await scene();
    const input = { eventId: event.id, includeAccommodations: true };
    await expect(openEventArchive(viewerOf(organizer), input)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(openEventArchive(viewerOf(member), input)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(openEventArchive(null, input)).rejects.toMatchObject({ kind: "unauthenticated" });
    await expect(openMessagesArchive(viewerOf(organizer), { from: "2020-01-01", to: "2040-01-01" })).rejects.toMatchObject({ kind: "forbidden" });
    const exports = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "records.exported"), eq(auditLog.targetId, event.id)));
    expect(exports).toEqual([]);
  });

  it("answers a malformed or unknown event id as not found", async () => {
    const { admin } = await scene();
    await expect(openEventArchive(viewerOf(admin), { eventId: "not-a-uuid", includeAccommodations: false })).rejects.toMatchObject({ kind: "not_found" });
    await expect(openEventArchive(viewerOf(admin), { eventId: crypto.randomUUID(), includeAccommodations: false })).rejects.toMatchObject({
      kind: "not_found",
    });
  });
});

describe("the community's organizer messages for a date range", () => {
  it("holds every message sent in the range, about any event, once each, with recipients", async () => {
    const { admin, event, other, messages } = await scene();
    const today = new Date().toISOString().slice(0, 10);
    const { filename, stream } = await openMessagesArchive({ ...viewerOf(admin), timeZone: "UTC" }, { from: "2020-01-01", to: today });
    expect(filename).toMatch(/^organizer-messages-2020-01-01-to-\d{4}-\d{2}-\d{2}-\d{8}-\d{6}\.zip$/);
    const { csv, manifest, files } = await archiveFiles(stream);
    const rows = csv("messages.csv");
    const ofThese = rows.filter((r) => r["Event ID"] === event.id || r["Event ID"] === other.id);
    expect(ofThese.map((r) => r.Subject)).toEqual(["Room change", "Slides", "Other event"]);
    expect(new Set(rows.map((r) => r["Message ID"])).size).toBe(rows.length);
    expect(ofThese.slice(0, 2).map((r) => r["Message ID"])).toEqual(messages);
    for (const listed of manifest.files) expect(listed.sha256).toBe(sha256(files.get(listed.name)!));
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.id, manifest.auditId));
    expect(audit[0]).toMatchObject({
      action: "records.exported",
      targetType: "community",
      detail: { kind: "organizer-messages", from: "2020-01-01", to: today },
    });
  });

  it("leaves out messages outside the range", async () => {
    const { admin } = await scene();
    const { csv } = await archiveFiles((await openMessagesArchive({ ...viewerOf(admin), timeZone: "UTC" }, { from: "2020-01-01", to: "2020-12-31" })).stream);
    expect(csv("messages.csv")).toEqual([]);
  });

  it("refuses a reversed, malformed or too long range with a message per field", async () => {
    const { admin } = await scene();
    const viewer = viewerOf(admin);
    await expect(openMessagesArchive(viewer, { from: "2026-02-01", to: "2026-01-01" })).rejects.toMatchObject({
      kind: "invalid",
      fieldErrors: { to: ["The end date must be on or after the start date."] },
    });
    await expect(openMessagesArchive(viewer, { from: "2026-02-30", to: "2026-03-01" })).rejects.toMatchObject({
      kind: "invalid",
      fieldErrors: { from: [expect.stringContaining("real day")] },
    });
    await expect(openMessagesArchive(viewer, { from: "2000-01-01", to: "2026-01-01" })).rejects.toMatchObject({
      kind: "invalid",
      fieldErrors: { to: [expect.stringContaining("ten years")] },
    });
    await expect(openMessagesArchive(viewer, { from: "2026-01-01" })).rejects.toMatchObject({ kind: "invalid", fieldErrors: { to: ["Enter the end date."] } });
  });
});
