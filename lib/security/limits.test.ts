import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { eventMessages, outbox, resources, rsvps } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { cancelRsvp, rsvpToEvent } from "@/lib/events/rsvp";
import { RSVP_CHANGES_PER_EVENT } from "@/lib/events/rsvp-limits";
import { MESSAGES_PER_EVENT, sendEventMessage } from "@/lib/notifications/messages";
import "@/lib/notifications/test-helpers";
import { multipartBody, SAMPLES, uploadRequest, useUploadDir } from "@/lib/resources/test-samples";
import { UPLOADS_PER_ORGANIZER } from "@/lib/resources/upload";
import type { Viewer } from "@/lib/viewer";
import { createEvent, createMember, viewerOf } from "@/test/factories";

/** Limits on what a signed-in person can make the server do (and mail) over and over. */
const viewerNow = vi.hoisted(() => ({ current: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => viewerNow.current, getHeaderViewer: async () => null }));
vi.mock("next/cache", () => import("@/test/fixtures").then((fixtures) => fixtures.nextCacheStub));

const database = useTestDatabase();
const uploads = useUploadDir();
const db = () => database.db;

const mailCount = async () => (await db().select({ id: outbox.id }).from(outbox)).length;

describe("rate limits on members and organizers", () => {
  it("RSVP toggling: each change mails, so the change after the limit is refused with a 429 and mails nothing", async () => {
    const event = await createEvent(db());
    const member = viewerOf(await createMember(db()));
    for (let i = 0; i < RSVP_CHANGES_PER_EVENT; i++) {
      if (i % 2 === 0) await rsvpToEvent(member, { eventId: event.id });
      else await cancelRsvp(member, { eventId: event.id });
    }
    const [before] = await db().select().from(rsvps).where(eq(rsvps.userId, member.id));
    const mails = await mailCount();
    const refusal = await rsvpToEvent(member, { eventId: event.id }).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ kind: "rate_limited", status: 429, message: expect.stringMatching(/changed your RSVPs too often.*try again after .+ (AM|PM)/) });
    await expect(cancelRsvp(member, { eventId: event.id })).rejects.toMatchObject({ status: 429 });
    expect(await mailCount()).toBe(mails);
    expect(await db().select().from(rsvps).where(eq(rsvps.userId, member.id))).toEqual([before]);
    // Someone else's RSVPs are theirs to make.
    await expect(rsvpToEvent(viewerOf(await createMember(db())), { eventId: event.id })).resolves.toMatchObject({ status: "going" });
  });

  it("organizer messages: the message after the limit for an event is refused with a 429 and nothing is sent", async () => {
    const event = await createEvent(db());
    await rsvpToEvent(viewerOf(await createMember(db())), { eventId: event.id });
    const organizer = viewerOf(await createMember(db(), { role: "organizer" }));
    const input = { eventId: event.id, audience: "going" as const, subject: "Room change", body: "We moved to room 1200." };
    for (let i = 0; i < MESSAGES_PER_EVENT; i++) await sendEventMessage(organizer, input);
    const mails = await mailCount();
    await expect(sendEventMessage(organizer, input)).rejects.toMatchObject({ kind: "rate_limited", status: 429, message: expect.stringContaining("sent messages to attendees too often") });
    // The per-event limit holds for every organizer: a second one cannot add to the flood.
    const second = viewerOf(await createMember(db(), { role: "organizer" }));
    await expect(sendEventMessage(second, input)).rejects.toMatchObject({ status: 429 });
    expect(await mailCount()).toBe(mails);
    expect(await db().select().from(eventMessages).where(eq(eventMessages.eventId, event.id))).toHaveLength(MESSAGES_PER_EVENT);
  });

  it("uploads: the upload route answers the one after the limit with a 429 and stores nothing", async () => {
    const { POST } = await import("@/app/(site)/manage/resources/upload/route");
    const organizer = await createMember(db(), { role: "organizer" });
    viewerNow.current = viewerOf(organizer);
    const body = () =>
      multipartBody([
        { name: "title", value: "Slides" },
        { name: "type", value: "slides" },
        { name: "file", fileName: "slides.pdf", content: SAMPLES.pdf, contentType: "application/pdf" },
      ]);
    const json = { accept: "application/json" };
    for (let i = 0; i < UPLOADS_PER_ORGANIZER; i++) expect((await POST(uploadRequest(body(), json))).status).toBe(201);
    const files = uploads.files().length;
    const response = await POST(uploadRequest(body(), json));
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ error: expect.stringContaining("uploaded files too often") });
    expect(uploads.files()).toHaveLength(files);
    expect(await db().select().from(resources)).toHaveLength(UPLOADS_PER_ORGANIZER);
  });
});
