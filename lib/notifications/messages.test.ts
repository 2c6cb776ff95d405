import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, eventMessages, outbox } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { rsvpToEvent } from "@/lib/events/rsvp";
import { createEvent, createMember, viewerOf } from "@/test/factories";
import { eventMessageSchema, listEventMessages, previewEventMessage, sendEventMessage } from "./messages";
import "./test-helpers";

const database = useTestDatabase();
const message = { subject: "Room change", body: "We moved to room 1200.\nSee you there." };

/** An event with two going and one waiting, and another event with someone going. */
async function scene() {
  const event = await createEvent(database.db, { capacity: 2 });
  const other = await createEvent(database.db);
  const [a, b, w, outsider] = await Promise.all([1, 2, 3, 4].map(() => createMember(database.db)));
  for (const m of [a!, b!, w!]) await rsvpToEvent(viewerOf(m), { eventId: event.id });
  await rsvpToEvent(viewerOf(outsider!), { eventId: other.id });
  const organizer = await createMember(database.db, { role: "organizer" });
  return { event, other, going: [a!, b!], waiting: w!, outsider: outsider!, organizer };
}

async function messageMailTo(email: string) {
  return database.db
    .select()
    .from(outbox)
    .where(eq(outbox.to, email))
    .then((rows) => rows.filter((r) => r.kind === "event_message"));
}

describe("organizer messages", () => {
  it("refuses members, visitors and people who have not joined", async () => {
    const { event, going } = await scene();
    const input = { eventId: event.id, audience: "both" as const, ...message };
    await expect(sendEventMessage(viewerOf(going[0]!), input)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(sendEventMessage(null, input)).rejects.toMatchObject({ kind: "unauthenticated" });
    await expect(previewEventMessage(viewerOf(going[0]!), input)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(listEventMessages(viewerOf(going[0]!), event.id)).rejects.toMatchObject({ kind: "forbidden" });
    const unjoined = await createMember(database.db, { role: "organizer", guidelinesAcceptedAt: null });
    await expect(sendEventMessage(viewerOf(unjoined), input)).rejects.toMatchObject({ kind: "forbidden" });
    expect(await messageMailTo(going[0]!.email)).toEqual([]);
  });

  it("sends to the chosen group of this event only: going, waitlist, or both", async () => {
    const { event, going, waiting, outsider, organizer } = await scene();
    const send = (audience: "going" | "waitlisted" | "both") => sendEventMessage(viewerOf(organizer), { eventId: event.id, audience, ...message });
    expect((await send("going")).recipientCount).toBe(2);
    expect((await send("waitlisted")).recipientCount).toBe(1);
    expect((await send("both")).recipientCount).toBe(3);
    expect(await messageMailTo(going[0]!.email)).toHaveLength(2);
    expect(await messageMailTo(going[1]!.email)).toHaveLength(2);
    expect(await messageMailTo(waiting.email)).toHaveLength(2);
    expect(await messageMailTo(outsider.email)).toEqual([]);
    const [mail] = await messageMailTo(waiting.email);
    expect(mail!.subject).toBe("Room change");
    expect(mail!.text).toContain("We moved to room 1200.\nSee you there.");
    expect(mail!.headers["Reply-To"]).toBe(organizer.email);
  });

  it("keeps the message with its recipients, in its table and the audit log, and lists it", async () => {
    const { event, going, organizer } = await scene();
    const { id } = await sendEventMessage(viewerOf(organizer), { eventId: event.id, audience: "going", ...message });
    const [row] = await database.db.select().from(eventMessages).where(eq(eventMessages.id, id));
    expect(row!.recipients.map((r) => r.email).sort()).toEqual(going.map((m) => m.email).sort());
    expect(row!.senderEmail).toBe(organizer.email);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "event.message_sent"), eq(auditLog.targetId, event.id)));
    expect(audit).toMatchObject({ actorId: organizer.id, targetId: event.id });
    expect((audit!.detail.recipients as string[]).sort()).toEqual(going.map((m) => m.email).sort());
    const listed = await listEventMessages(viewerOf(organizer), event.id);
    expect(listed.map((m) => [m.subject, m.recipientCount])).toContainEqual(["Room change", 2]);
  });

  it("previews without sending anything", async () => {
    const { event, waiting, organizer } = await scene();
    const preview = await previewEventMessage(viewerOf(organizer), { eventId: event.id, audience: "both", ...message });
    expect(preview.recipientCount).toBe(3);
    expect(preview.text).toContain("We moved to room 1200.");
    expect(await messageMailTo(waiting.email)).toEqual([]);
  });

  it("answers not found for an unknown or malformed event, conflict for a draft, invalid for nobody", async () => {
    const { organizer } = await scene();
    const input = { audience: "both" as const, ...message };
    await expect(sendEventMessage(viewerOf(organizer), { eventId: "00000000-0000-4000-8000-000000000000", ...input })).rejects.toMatchObject({
      kind: "not_found",
    });
    await expect(sendEventMessage(viewerOf(organizer), { eventId: "x'; drop table events", ...input })).rejects.toMatchObject({ kind: "not_found" });
    const draft = await createEvent(database.db, { status: "draft" });
    await expect(sendEventMessage(viewerOf(organizer), { eventId: draft.id, ...input })).rejects.toMatchObject({ kind: "conflict" });
    const empty = await createEvent(database.db);
    await expect(sendEventMessage(viewerOf(organizer), { eventId: empty.id, ...input })).rejects.toMatchObject({ kind: "invalid" });
  });

  it("validates subject and body", () => {
    const ok = { audience: "going", subject: "Hi", body: "Hello" };
    expect(eventMessageSchema.safeParse(ok).success).toBe(true);
    expect(eventMessageSchema.safeParse({ ...ok, subject: "Hi\r\nBcc: everyone@agency.gov" }).success).toBe(false);
    expect(eventMessageSchema.safeParse({ ...ok, subject: "Hi\n" }).success).toBe(false);
    expect(eventMessageSchema.safeParse({ ...ok, subject: "   " }).success).toBe(false);
    expect(eventMessageSchema.safeParse({ ...ok, subject: "x".repeat(151) }).success).toBe(false);
    expect(eventMessageSchema.safeParse({ ...ok, body: "x".repeat(5001) }).success).toBe(false);
    expect(eventMessageSchema.safeParse({ ...ok, body: "bell\u0007" }).success).toBe(false);
    expect(eventMessageSchema.safeParse({ ...ok, audience: "everyone" }).success).toBe(false);
    expect(eventMessageSchema.safeParse({ ...ok, role: "admin" }).success).toBe(false);
  });
});
