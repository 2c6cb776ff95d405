import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, events, resources, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { AppError } from "@/lib/errors";
import { getStorage } from "@/lib/storage";
import type { Viewer } from "@/lib/viewer";
import { clearTables, createEvent, createMember, viewerOf } from "@/test/factories";
import { createLinkResource, removeResource, updateResource } from "./manage";
import { getResourceForEditing, listAttachableEvents, listResourcesForOrganizer } from "./organizer";
import { linkResourceSchema } from "./resource-schema";
import { SAMPLES, useUploadDir } from "./test-samples";
import { expectAppError } from "@/test/fixtures";

const database = useTestDatabase();
const uploads = useUploadDir();

let organizer: Viewer;
let admin: Viewer;
let member: Viewer;
let newcomer: Viewer;

beforeEach(async () => {
  await clearTables(database.db, auditLog, resources, events, users);
  uploads.clear();
  organizer = viewerOf(await createMember(database.db, { role: "organizer" }));
  admin = viewerOf(await createMember(database.db, { role: "admin" }));
  member = viewerOf(await createMember(database.db));
  newcomer = viewerOf(await createMember(database.db, { guidelinesAcceptedAt: null }));
});

const link = (overrides: Record<string, string> = {}) =>
  linkResourceSchema.parse({
    title: "Plain language guide",
    type: "guide",
    url: "https://www.plainlanguage.gov/guidelines/",
    topics: "Plain Language",
    ...overrides,
  });

async function fileResource() {
  const storageKey = randomUUID();
  await getStorage().put(storageKey, Readable.from([SAMPLES.pdf]));
  const [row] = await database.db
    .insert(resources)
    .values({ title: "Slides", kind: "file", type: "slides", storageKey, fileName: "slides.pdf", mimeType: "application/pdf", sizeBytes: SAMPLES.pdf.length })
    .returning();
  return row!;
}

describe("who may manage resources", () => {
  it("lets organizers and admins list, add, edit and remove", async () => {
    for (const viewer of [organizer, admin]) {
      const created = await createLinkResource(viewer, link());
      expect((await listResourcesForOrganizer(viewer, {})).items.map((item) => item.id)).toContain(created.id);
      await updateResource(viewer, created.id, { ...link({ title: "Renamed" }) });
      await removeResource(viewer, created.id);
    }
  });

  it.each([
    ["a visitor", (): Viewer | null => null, "unauthenticated"],
    ["a member", (): Viewer | null => member, "forbidden"],
    ["someone who has not joined", (): Viewer | null => newcomer, "forbidden"],
  ] as const)("refuses %s on every operation", async (_label, who, kind) => {
    const existing = await createLinkResource(organizer, link());
    const viewer = who();
    await expectAppError(listResourcesForOrganizer(viewer, {}), kind);
    await expectAppError(createLinkResource(viewer, link()), kind);
    await expectAppError(updateResource(viewer, existing.id, link({ title: "Mine now" })), kind);
    await expectAppError(removeResource(viewer, existing.id), kind);
    await expectAppError(getResourceForEditing(viewer, existing.id), kind);
    await expectAppError(listAttachableEvents(viewer), kind);
    expect(await database.db.select({ title: resources.title }).from(resources)).toEqual([{ title: "Plain language guide" }]);
  });
});

describe("adding and editing", () => {
  it("records who added a link, and attaches it to a public event", async () => {
    const event = await createEvent(database.db);
    const created = await createLinkResource(organizer, link({ eventId: event.id }));
    expect(created.eventSlug).toBe(event.slug);
    const [row] = await database.db.select().from(resources).where(eq(resources.id, created.id));
    expect(row).toMatchObject({ kind: "link", url: "https://www.plainlanguage.gov/guidelines/", topics: ["plain-language"], createdBy: organizer.id });
    const [audit] = await database.db.select().from(auditLog);
    expect(audit).toMatchObject({ action: "resource.added", actorId: organizer.id, targetId: created.id });
  });

  it("refuses to attach to a draft or unknown event", async () => {
    const draft = await createEvent(database.db, { status: "draft", publishedAt: null });
    for (const eventId of [draft.id, randomUUID()]) {
      const error = await createLinkResource(organizer, link({ eventId })).catch((caught: AppError) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fieldErrors?.eventId).toEqual(["Choose an event from the list."]);
    }
    expect(await database.db.select().from(resources)).toEqual([]);
  });

  it("edits a link and audits which fields changed; an existing draft attachment is kept", async () => {
    const event = await createEvent(database.db);
    const created = await createLinkResource(organizer, link({ eventId: event.id }));
    await database.db.update(events).set({ status: "draft" }).where(eq(events.id, event.id));
    await updateResource(organizer, created.id, { ...link({ title: "Plain language, revised", eventId: event.id }), url: "https://digital.gov/" });
    const [row] = await database.db.select().from(resources).where(eq(resources.id, created.id));
    expect(row).toMatchObject({ title: "Plain language, revised", url: "https://digital.gov/", eventId: event.id });
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, "resource.updated"));
    expect(audit!.detail).toEqual({ title: "Plain language, revised", changed: ["title", "url"] });
  });

  it("keeps a file's stored link: files can't be given a URL", async () => {
    const file = await fileResource();
    const details = { title: "Slides", description: "", type: "slides" as const, topics: [], eventId: null };
    await expectAppError(updateResource(organizer, file.id, { ...details, url: "https://evil.example/" }), "invalid");
    await updateResource(organizer, file.id, { ...details, title: "Slides, final" });
    const [row] = await database.db.select().from(resources).where(eq(resources.id, file.id));
    expect(row).toMatchObject({ title: "Slides, final", storageKey: file.storageKey, url: null });
  });

  it("treats a malformed or unknown id as not found", async () => {
    await expectAppError(getResourceForEditing(organizer, "not-a-uuid"), "not_found");
    await expectAppError(removeResource(organizer, randomUUID()), "not_found");
  });

  it("offers published and cancelled events newest first, plus the one already attached", async () => {
    const older = await createEvent(database.db, { title: "Older", startsAt: new Date("2030-01-01T15:00:00Z") });
    const newer = await createEvent(database.db, { title: "Newer", startsAt: new Date("2030-06-01T15:00:00Z") });
    const cancelled = await createEvent(database.db, { title: "Cancelled", status: "cancelled", startsAt: new Date("2030-03-01T15:00:00Z") });
    const draft = await createEvent(database.db, { title: "Draft", status: "draft", publishedAt: null });
    expect((await listAttachableEvents(organizer)).map((event) => event.id)).toEqual([newer.id, cancelled.id, older.id]);
    expect((await listAttachableEvents(organizer, { include: draft.id }))[0]!.id).toBe(draft.id);
  });
});

describe("removing", () => {
  it("deletes the row and the stored file, and records the removal", async () => {
    const file = await fileResource();
    expect(await getStorage().stat(file.storageKey!)).not.toBeNull();
    await removeResource(organizer, file.id);
    expect(await database.db.select().from(resources)).toEqual([]);
    expect(await getStorage().stat(file.storageKey!)).toBeNull();
    expect(uploads.files()).toEqual([]);
    const [audit] = await database.db.select().from(auditLog);
    expect(audit).toMatchObject({
      action: "resource.removed",
      actorId: organizer.id,
      targetType: "resource",
      targetId: file.id,
      detail: { title: "Slides", id: file.id },
    });
  });

  it("keeps the row and the file when someone who may not remove it tries", async () => {
    const file = await fileResource();
    await expectAppError(removeResource(member, file.id), "forbidden");
    expect(await getStorage().stat(file.storageKey!)).not.toBeNull();
    expect(await database.db.select().from(auditLog)).toEqual([]);
  });

  it("removes once: a second removal is not found", async () => {
    const created = await createLinkResource(organizer, link());
    await removeResource(organizer, created.id);
    await expectAppError(removeResource(organizer, created.id), "not_found");
  });
});
