import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, events, notifications, outbox, resources, rsvps, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { rsvpToEvent } from "@/lib/events/rsvp";
import { followUpDelayMs } from "@/lib/notifications/follow-ups";
import { sendDueNotifications } from "@/lib/notifications/send";
import { DAY, mailTo } from "@/lib/notifications/test-helpers";
import type { Viewer } from "@/lib/viewer";
import { clearTables, createEvent, createMember, viewerOf } from "@/test/factories";
import { expectAppError } from "@/test/fixtures";
import { saveCaptionsAndTranscript } from "./captions";
import { receiveCaptionsUpload } from "./captions-upload";
import { getResourceDetail } from "./detail";
import { openResourceDownload, type ResourceDownload } from "./download";
import { listLibraryResources } from "./library";
import { createLinkResource, removeResource } from "./manage";
import { listEventResources } from "./queries";
import { multipartBody, SAMPLES, uploadRequest, useUploadDir, type Part } from "./test-samples";

const database = useTestDatabase();
const uploads = useUploadDir();

const VTT = Buffer.from("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWelcome, everyone.\n\n00:00:04.500 --> 00:00:08.000\nCaptions are on.\n");
const SRT = Buffer.from("\ufeff1\r\n00:00:01,000 --> 00:00:04,000\r\nWelcome, everyone.\r\n");
const TRANSCRIPT = Buffer.from("Host: Welcome, everyone.\nHost: Captions are on.\n");

let organizer: Viewer;
let otherOrganizer: Viewer;
let member: Viewer;
let newcomer: Viewer;

beforeEach(async () => {
  await clearTables(database.db, auditLog, notifications, outbox, rsvps, resources, events, users);
  uploads.clear();
  organizer = viewerOf(await createMember(database.db, { role: "organizer" }));
  otherOrganizer = viewerOf(await createMember(database.db, { role: "organizer" }));
  member = viewerOf(await createMember(database.db));
  newcomer = viewerOf(await createMember(database.db, { guidelinesAcceptedAt: null }));
});

const recordingLink = (eventId: string | null = null, title = "Session recording") => ({
  title,
  description: "The whole session.",
  type: "recording" as const,
  topics: [],
  eventId,
  url: "https://www.youtube.com/watch?v=abc",
});

const file = (name: string, fileName: string, content: Buffer): Part => ({ name, fileName, content, contentType: "application/octet-stream" });

async function post(id: string, parts: Part[], viewer: Viewer | null = organizer) {
  return receiveCaptionsUpload({ viewer, id, request: uploadRequest(multipartBody(parts)) });
}

async function read(download: ResourceDownload) {
  if (download.kind !== "file") throw new Error(`expected a file, got ${download.kind}`);
  const chunks: Buffer[] = [];
  for await (const chunk of download.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function rowOf(id: string) {
  const [row] = await database.db.select().from(resources).where(eq(resources.id, id));
  return row!;
}

describe("a recording without captions and a transcript", () => {
  it("is a draft: organizers see it with its reasons, members and visitors see nothing of it", async () => {
    const event = await createEvent(database.db);
    const recording = await createLinkResource(organizer, recordingLink(event.id));
    expect(recording.draft).toBe(true);

    for (const viewer of [member, newcomer, null]) {
      expect((await listLibraryResources({ viewer })).items).toEqual([]);
      expect((await listLibraryResources({ viewer, filters: { query: "session" } })).total).toBe(0);
      expect(await listEventResources({ eventId: event.id, viewer })).toEqual([]);
      await expectAppError(getResourceDetail(viewer, recording.id), "not_found");
    }
    await expectAppError(openResourceDownload({ viewer: member, id: recording.id }), "not_found");
    await expectAppError(openResourceDownload({ viewer: member, id: recording.id, part: "transcript" }), "not_found");

    // Any organizer sees drafts (organizers share the library), and why each is one.
    for (const viewer of [organizer, otherOrganizer]) {
      const detail = await getResourceDetail(viewer, recording.id);
      expect(detail).toMatchObject({ draft: true, canManage: true, reasons: ["Needs captions", "Needs a transcript"] });
      expect(await openResourceDownload({ viewer, id: recording.id })).toMatchObject({ kind: "redirect" });
    }
    // Lists are the same for everyone, so organizers do not find drafts there either.
    expect((await listLibraryResources({ viewer: organizer })).items).toEqual([]);
  });

  it("stays a draft with only one of the two, and is published by the other", async () => {
    const recording = await createLinkResource(organizer, recordingLink());
    const halfway = await post(recording.id, [file("captionsFile", "session.vtt", VTT)]);
    expect(halfway).toMatchObject({ published: false, state: { draft: true, reasons: ["Needs a transcript"] } });
    await expectAppError(getResourceDetail(member, recording.id), "not_found");

    const done = await post(recording.id, [{ name: "transcriptText", value: "  Host: Welcome.\r\nHost: Thanks.  " }]);
    expect(done).toMatchObject({ published: true, state: { draft: false, reasons: [] } });
    const row = await rowOf(recording.id);
    expect(row).toMatchObject({
      draft: false,
      captionsFormat: "vtt",
      captionsCueCount: 2,
      captionsFileName: "session.vtt",
      transcriptText: "Host: Welcome.\nHost: Thanks.",
    });
    expect((await listLibraryResources({ viewer: member })).items.map((item) => item.id)).toEqual([recording.id]);

    const detail = await getResourceDetail(member, recording.id);
    expect(detail.member).toMatchObject({
      captions: { kind: "file", href: `/resources/${recording.id}/download?part=captions`, format: "vtt", cueCount: 2 },
      transcript: { kind: "text", href: `/resources/${recording.id}/download?part=transcript`, text: "Host: Welcome.\nHost: Thanks." },
    });
  });
});

describe("uploading captions and a transcript", () => {
  it("stores a checked VTT file and a transcript file under random keys, and audits it", async () => {
    const recording = await createLinkResource(organizer, recordingLink());
    await post(recording.id, [file("captionsFile", "session.vtt", VTT), file("transcriptFile", "transcript.txt", TRANSCRIPT)]);
    const row = await rowOf(recording.id);
    expect(row.captionsStorageKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.transcriptStorageKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(row).toMatchObject({ draft: false, transcriptMimeType: "text/plain", transcriptFileName: "transcript.txt", transcriptSizeBytes: TRANSCRIPT.length });
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.action, "resource.captions_saved"));
    expect(audit[0]).toMatchObject({ actorId: organizer.id, targetId: recording.id, detail: { captions: "vtt", transcript: "file", published: true } });
  });

  it("stores an SRT file as UTF-8 without its byte order mark or carriage returns", async () => {
    const recording = await createLinkResource(organizer, recordingLink());
    await post(recording.id, [file("captionsFile", "session.srt", SRT), { name: "transcriptText", value: "Welcome." }]);
    const captions = await openResourceDownload({ viewer: member, id: recording.id, part: "captions" });
    expect(captions).toMatchObject({ kind: "file", mimeType: "application/x-subrip", fileName: "session.srt" });
    expect(await read(captions)).toBe("1\n00:00:01,000 --> 00:00:04,000\nWelcome, everyone.\n");
  });

  it("refuses a malformed VTT with a clear message beside the field, and keeps nothing", async () => {
    const recording = await createLinkResource(organizer, recordingLink());
    const error = await expectAppError(
      post(recording.id, [
        file("captionsFile", "broken.vtt", Buffer.from("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nHi\n")),
        { name: "transcriptText", value: "Hi" },
      ]),
      "invalid",
    );
    expect(error.fieldErrors?.captionsFile?.[0]).toMatch(/^broken\.vtt: Line 3: the timing .* uses a comma before the milliseconds/);
    expect(error.message).toBe(error.fieldErrors?.captionsFile?.[0]);
    expect(await rowOf(recording.id)).toMatchObject({ draft: true, captionsStorageKey: null, transcriptText: null });
    expect(uploads.files()).toEqual([]);
  });

  it("refuses captions over 2 MB while they stream, and a transcript that is not a document", async () => {
    const recording = await createLinkResource(organizer, recordingLink());
    const huge = Buffer.concat([VTT, Buffer.alloc(2 * 1024 * 1024, 0x41)]);
    const tooLarge = await expectAppError(post(recording.id, [file("captionsFile", "huge.vtt", huge)]), "invalid");
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.fieldErrors?.captionsFile?.[0]).toMatch(/captions file is larger than 2(\.0)? MB/);

    const notADocument = await expectAppError(post(recording.id, [file("transcriptFile", "transcript.png", SAMPLES.png)]), "invalid");
    expect(notADocument.fieldErrors?.transcriptFile?.[0]).toMatch(/A transcript must be a plain text \(\.txt\), PDF or Word \(\.docx\) file/);
    const captionsAsTranscript = await expectAppError(post(recording.id, [file("transcriptFile", "captions.vtt", VTT)]), "invalid");
    expect(captionsAsTranscript.fieldErrors?.transcriptFile?.[0]).toMatch(/transcript must be/);
    expect(uploads.files()).toEqual([]);
  });

  it("takes an organizer's word for a link's captions, never for an uploaded video", async () => {
    const recording = await createLinkResource(organizer, recordingLink());
    const saved = await post(recording.id, [
      { name: "captionsAttested", value: "on" },
      { name: "transcriptText", value: "Hi" },
    ]);
    expect(saved.published).toBe(true);
    expect(await rowOf(recording.id)).toMatchObject({ captionsAttestedBy: organizer.id, captionsStorageKey: null });
    expect((await getResourceDetail(member, recording.id)).member?.captions).toMatchObject({ kind: "attested" });
    await expectAppError(openResourceDownload({ viewer: member, id: recording.id, part: "captions" }), "not_found");

    const [video] = await database.db
      .insert(resources)
      .values({ title: "Video", kind: "file", type: "guide", mimeType: "video/mp4", storageKey: "video-key", fileName: "v.mp4", sizeBytes: 10 })
      .returning();
    // A video file needs captions whatever type it was given.
    expect(video!.draft).toBe(true);
    const refused = await expectAppError(
      saveCaptionsAndTranscript(organizer, video!.id, { input: { captionsAttested: true, transcriptText: "Hi" } }),
      "invalid",
    );
    expect(refused.fieldErrors?.captionsAttested?.[0]).toMatch(/Upload its captions as a WebVTT or SRT file/);
  });

  it("refuses members, tampered fields, an empty form and resources that are not recordings", async () => {
    const recording = await createLinkResource(organizer, recordingLink());
    await expectAppError(post(recording.id, [file("captionsFile", "a.vtt", VTT)], member), "forbidden");
    await expectAppError(post(recording.id, [file("captionsFile", "a.vtt", VTT)], null), "unauthenticated");
    const tampered = await expectAppError(post(recording.id, [{ name: "captionsStorageKey", value: "../x" }]), "invalid");
    expect(tampered.message).toMatch(/fields it should not have \(captionsStorageKey\)/);
    const empty = await expectAppError(post(recording.id, [{ name: "transcriptText", value: "   " }]), "invalid");
    expect(empty.message).toBe("Add captions or a transcript (or both), then save.");
    const guide = await createLinkResource(organizer, { ...recordingLink(), type: "guide" });
    await expectAppError(post(guide.id, [file("captionsFile", "a.vtt", VTT)]), "invalid");
    expect(uploads.files()).toEqual([]);
  });

  it("removes the replaced file after saving, and every file when the resource is removed", async () => {
    const recording = await createLinkResource(organizer, recordingLink());
    await post(recording.id, [file("captionsFile", "one.vtt", VTT), file("transcriptFile", "t.txt", TRANSCRIPT)]);
    const first = await rowOf(recording.id);
    await post(recording.id, [file("captionsFile", "two.vtt", VTT)]);
    const second = await rowOf(recording.id);
    expect(second.captionsStorageKey).not.toBe(first.captionsStorageKey);
    expect(
      uploads
        .files()
        .map((path) => path.split("/").pop())
        .sort(),
    ).toEqual([second.captionsStorageKey, second.transcriptStorageKey].sort());
    await removeResource(organizer, recording.id);
    expect(uploads.files()).toEqual([]);
  });
});

describe("downloading captions and transcripts", () => {
  it("goes through the resource's own authorization: members once published, organizers always, nobody else", async () => {
    const recording = await createLinkResource(organizer, recordingLink());
    await post(recording.id, [file("captionsFile", "session.vtt", VTT)]);
    // Still a draft (no transcript): organizers only.
    await expectAppError(openResourceDownload({ viewer: member, id: recording.id, part: "captions" }), "not_found");
    expect(await read(await openResourceDownload({ viewer: otherOrganizer, id: recording.id, part: "captions" }))).toBe(VTT.toString());

    await post(recording.id, [file("transcriptFile", "transcript.txt", TRANSCRIPT)]);
    await expectAppError(openResourceDownload({ viewer: null, id: recording.id, part: "captions" }), "unauthenticated");
    await expectAppError(openResourceDownload({ viewer: newcomer, id: recording.id, part: "transcript" }), "forbidden");
    const captions = await openResourceDownload({ viewer: member, id: recording.id, part: "captions" });
    expect(captions).toMatchObject({ kind: "file", mimeType: "text/vtt", fileName: "session.vtt" });
    expect(await read(captions)).toBe(VTT.toString());
    const transcript = await openResourceDownload({ viewer: member, id: recording.id, part: "transcript" });
    expect(transcript).toMatchObject({ mimeType: "text/plain", fileName: "transcript.txt" });
    expect(await read(transcript)).toBe(TRANSCRIPT.toString());
  });

  it("serves a pasted transcript as a text file, ranges included", async () => {
    const recording = await createLinkResource(organizer, recordingLink(null, "Alt text session"));
    await saveCaptionsAndTranscript(organizer, recording.id, { input: { captionsAttested: true, transcriptText: "Host: Welcome." } });
    const whole = await openResourceDownload({ viewer: member, id: recording.id, part: "transcript" });
    expect(whole).toMatchObject({ kind: "file", mimeType: "text/plain", fileName: "Alt text session - transcript.txt", size: 14 });
    expect(await read(whole)).toBe("Host: Welcome.");
    const part = await openResourceDownload({ viewer: member, id: recording.id, part: "transcript", range: "bytes=6-" });
    expect(part).toMatchObject({ range: { start: 6, end: 13 } });
    expect(await read(part)).toBe("Welcome.");
  });
});

describe("the follow-up email after the event", () => {
  async function pastEventWithAttendee() {
    const rsvpAt = new Date("2026-03-02T12:00:00Z");
    const event = await createEvent(database.db, { startsAt: new Date(rsvpAt.getTime() + DAY) });
    const attendee = await createMember(database.db);
    await rsvpToEvent(viewerOf(attendee), { eventId: event.id }, rsvpAt);
    return { event, attendee, later: new Date(event.endsAt.getTime() + DAY) };
  }
  const followUps = async (email: string) => (await mailTo(database.db, email)).filter((mail) => mail.kind === "follow_up");

  it("is not sent for a draft recording, and is sent once it is published", async () => {
    const { event, attendee, later } = await pastEventWithAttendee();
    const recording = await createLinkResource(organizer, recordingLink(event.id), later);
    await sendDueNotifications({ now: new Date(later.getTime() + followUpDelayMs() + 60_000) });
    expect(await followUps(attendee.email)).toEqual([]);
    expect(await database.db.select().from(notifications).where(eq(notifications.kind, "follow_up"))).toEqual([]);

    const publishAt = new Date(later.getTime() + DAY);
    const saved = await saveCaptionsAndTranscript(organizer, recording.id, { input: { captionsAttested: true, transcriptText: "Hi" } }, { now: publishAt });
    expect(saved.published).toBe(true);
    await sendDueNotifications({ now: new Date(publishAt.getTime() + followUpDelayMs()) });
    const [mail, ...rest] = await followUps(attendee.email);
    expect(rest).toEqual([]);
    expect(mail!.text).toContain("Session recording");
    // Saving again (a better transcript) sends nothing more.
    await saveCaptionsAndTranscript(organizer, recording.id, { input: { captionsAttested: false, transcriptText: "Hello" } }, { now: publishAt });
    await sendDueNotifications({ now: new Date(publishAt.getTime() + DAY) });
    expect(await followUps(attendee.email)).toHaveLength(1);
  });

  it("waits for a draft recording before announcing the slides, and lists both", async () => {
    const { event, attendee, later } = await pastEventWithAttendee();
    await createLinkResource(organizer, { ...recordingLink(event.id, "Slides"), type: "slides" }, later);
    // The recording arrives before the slides' email is due: the email waits for it.
    const recording = await createLinkResource(organizer, recordingLink(event.id), new Date(later.getTime() + 60_000));
    await sendDueNotifications({ now: new Date(later.getTime() + followUpDelayMs() + 60_000) });
    expect(await followUps(attendee.email)).toEqual([]);
    const [held] = await database.db.select().from(notifications).where(eq(notifications.kind, "follow_up"));
    expect(held).toMatchObject({ status: "skipped", skipReason: "waiting for the recording's captions and transcript" });

    const publishAt = new Date(later.getTime() + 2 * DAY);
    await saveCaptionsAndTranscript(organizer, recording.id, { input: { captionsAttested: true, transcriptText: "Hi" } }, { now: publishAt });
    await sendDueNotifications({ now: new Date(publishAt.getTime() + followUpDelayMs()) });
    const [mail, ...rest] = await followUps(attendee.email);
    expect(rest).toEqual([]);
    expect(mail!.text).toContain("Slides");
    expect(mail!.text).toContain("Session recording");
  });

  it("sends the slides after all when the draft recording is removed instead", async () => {
    const { event, attendee, later } = await pastEventWithAttendee();
    const recording = await createLinkResource(organizer, recordingLink(event.id), later);
    await createLinkResource(organizer, { ...recordingLink(event.id, "Slides"), type: "slides" }, later);
    await sendDueNotifications({ now: new Date(later.getTime() + followUpDelayMs()) });
    expect(await followUps(attendee.email)).toEqual([]);
    await removeResource(organizer, recording.id);
    await sendDueNotifications({ now: new Date(Date.now() + followUpDelayMs()) });
    const [mail] = await followUps(attendee.email);
    expect(mail!.text).toContain("Slides");
    expect(mail!.text).not.toContain("Session recording");
  });
});
