import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rsvps } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { rsvpToEvent } from "@/lib/events/rsvp";
import { saveCaptionsAndTranscript } from "@/lib/resources/captions";
import { createLinkResource, updateResource } from "@/lib/resources/manage";
import type { Viewer } from "@/lib/viewer";
import { createEvent, createMember, viewerOf } from "@/test/factories";
import { followUpDelayMs } from "./follow-ups";
import { sendDueNotifications } from "./send";
import { DAY, HOUR, mailTo } from "./test-helpers";

const database = useTestDatabase();

async function followUpsTo(email: string) {
  return (await mailTo(database.db, email)).filter((mail) => mail.kind === "follow_up");
}

/** captions: a recording is published (and followed up) only with captions and a transcript, so these get both. */
async function addLink(viewer: Viewer, input: ReturnType<typeof link>, now: Date) {
  const created = await createLinkResource(viewer, input, now);
  if (input.type === "recording") {
    await saveCaptionsAndTranscript(viewer, created.id, { input: { captionsAttested: true, transcriptText: "Transcript" } }, { now });
  }
  return created;
}

const link = (eventId: string | null, type: "recording" | "slides" | "guide", title = "Session recording") => ({
  title,
  description: "",
  type,
  topics: [],
  eventId,
  url: "https://www.youtube.com/watch?v=abc",
});

describe("follow-up after a past event", () => {
  it("sends one email per member who was going, worded by whether they checked in", async () => {
    const rsvpAt = new Date("2026-03-02T12:00:00Z");
    const event = await createEvent(database.db, { startsAt: new Date(rsvpAt.getTime() + DAY) });
    const came = await createMember(database.db);
    const missed = await createMember(database.db);
    const organizer = await createMember(database.db, { role: "organizer" });
    await rsvpToEvent(viewerOf(came), { eventId: event.id }, rsvpAt);
    await rsvpToEvent(viewerOf(missed), { eventId: event.id }, rsvpAt);
    await database.db.update(rsvps).set({ checkedInAt: event.startsAt }).where(eq(rsvps.userId, came.id));

    const later = new Date(event.endsAt.getTime() + 2 * DAY);
    await addLink(viewerOf(organizer), link(event.id, "recording"), later);
    await addLink(viewerOf(organizer), link(event.id, "slides", "Slides"), new Date(later.getTime() + 60_000));
    const sendAt = new Date(later.getTime() + followUpDelayMs() + 60_000);
    await sendDueNotifications({ now: sendAt });
    // A third resource, and more runs: still one email each.
    await addLink(viewerOf(organizer), link(event.id, "recording", "Captioned recording"), sendAt);
    await sendDueNotifications({ now: new Date(sendAt.getTime() + HOUR) });

    const [cameMail, ...cameRest] = await followUpsTo(came.email);
    const [missedMail, ...missedRest] = await followUpsTo(missed.email);
    expect(cameRest).toEqual([]);
    expect(missedRest).toEqual([]);
    expect(cameMail!.subject).toBe(`Recording and slides are now available: ${event.title}`);
    expect(cameMail!.text).toContain("Thanks for coming");
    expect(missedMail!.subject).toBe(`In case you missed it: recording and slides from ${event.title}`);
    expect(missedMail!.text).toContain("In case you missed it");
    // Both resources attached before it went are listed.
    expect(missedMail!.text).toContain("Session recording");
    expect(missedMail!.text).toContain("Slides");
    expect(missedMail!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  });

  it("sends nothing for an upcoming event, another resource type, or members who were not going", async () => {
    const now = new Date("2026-03-02T12:00:00Z");
    const upcoming = await createEvent(database.db, { startsAt: new Date(now.getTime() + DAY) });
    const past = await createEvent(database.db, { startsAt: new Date(now.getTime() - 3 * DAY) });
    const member = await createMember(database.db);
    const organizer = await createMember(database.db, { role: "organizer" });
    await rsvpToEvent(viewerOf(member), { eventId: upcoming.id }, now);
    await addLink(viewerOf(organizer), link(upcoming.id, "recording"), now);
    await addLink(viewerOf(organizer), link(past.id, "recording"), now);
    const guide = await addLink(viewerOf(organizer), link(null, "guide"), now);
    await sendDueNotifications({ now: new Date(now.getTime() + HOUR) });
    expect(await followUpsTo(member.email)).toEqual([]);
    expect(guide.id).toBeTruthy();
  });

  it("follows up when an existing resource is attached to the past event later", async () => {
    const rsvpAt = new Date("2026-03-02T12:00:00Z");
    const event = await createEvent(database.db, { startsAt: new Date(rsvpAt.getTime() + DAY) });
    const member = await createMember(database.db);
    const organizer = await createMember(database.db, { role: "organizer" });
    await rsvpToEvent(viewerOf(member), { eventId: event.id }, rsvpAt);
    const later = new Date(event.endsAt.getTime() + DAY);
    const resource = await addLink(viewerOf(organizer), link(null, "slides"), later);
    await updateResource(viewerOf(organizer), resource.id, link(event.id, "slides"), later);
    await sendDueNotifications({ now: new Date(later.getTime() + followUpDelayMs()) });
    expect(await followUpsTo(member.email)).toHaveLength(1);
  });
});
