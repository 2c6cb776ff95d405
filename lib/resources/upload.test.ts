import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, events, resources, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { getStorage } from "@/lib/storage";
import type { Viewer } from "@/lib/viewer";
import { clearTables, createEvent, createMember, viewerOf } from "@/test/factories";
import { multipartBody, SAMPLES, uploadRequest, useUploadDir, type Part } from "./test-samples";
import { receiveResourceUpload } from "./upload";
import { expectAppError } from "@/test/fixtures";

const database = useTestDatabase();
const uploads = useUploadDir();

let organizer: Viewer;
let member: Viewer;

beforeEach(async () => {
  await clearTables(database.db, auditLog, resources, events, users);
  uploads.clear();
  organizer = viewerOf(await createMember(database.db, { role: "organizer" }));
  member = viewerOf(await createMember(database.db));
});

const fields = (overrides: Record<string, string> = {}): Part[] =>
  Object.entries({ title: "Alt text slides", description: "From the session.", type: "slides", topics: "Accessibility, Alt Text", ...overrides }).map(
    ([name, value]) => ({ name, value }),
  );

const filePart = (fileName: string, content: Buffer): Part => ({ name: "file", fileName, content, contentType: "application/pdf" });

async function upload(parts: Part[], viewer: Viewer | null = organizer, maxBytes?: number) {
  return receiveResourceUpload({ viewer, request: uploadRequest(multipartBody(parts)), maxBytes });
}

/** Nothing stored, nothing waiting in the temp folder, no row. */
async function expectNothingLeft() {
  expect(uploads.files()).toEqual([]);
  expect(await database.db.select().from(resources)).toEqual([]);
}

/** A body that makes its bytes only when read, and counts how many were asked for. */
function lazyBody(prefix: Buffer, fillerBytes: number, suffix: Buffer) {
  const counter = { pulled: 0 };
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        let next: Buffer;
        if (sent === 0) next = prefix;
        else if (sent - prefix.length < fillerBytes) next = chunk.subarray(0, Math.min(chunk.length, fillerBytes - (sent - prefix.length)));
        else if (sent < prefix.length + fillerBytes + suffix.length) next = suffix;
        else return controller.close();
        sent += next.length;
        counter.pulled = sent;
        controller.enqueue(new Uint8Array(next));
      },
      // Nothing is made ahead of a read, so `pulled` counts only what the upload asked for.
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

describe("uploading a file resource", () => {
  it("stores the file under a random key, then records the row and the audit entry", async () => {
    const event = await createEvent(database.db);
    const created = await upload([...fields({ eventId: event.id }), filePart("Alt text – slides.pdf", SAMPLES.pdf)]);
    expect(created.eventSlug).toBe(event.slug);

    const [row] = await database.db.select().from(resources).where(eq(resources.id, created.id));
    expect(row).toMatchObject({
      kind: "file",
      type: "slides",
      title: "Alt text slides",
      fileName: "Alt text – slides.pdf",
      mimeType: "application/pdf",
      sizeBytes: SAMPLES.pdf.length,
      topics: ["accessibility", "alt-text"],
      eventId: event.id,
      createdBy: organizer.id,
      url: null,
    });
    expect(row!.storageKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(row!.storageKey).not.toContain("slides");
    expect((await getStorage().stat(row!.storageKey!))?.size).toBe(SAMPLES.pdf.length);
    // Only the stored object remains: the temp file is gone.
    expect(uploads.files()).toHaveLength(1);

    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.targetId, created.id));
    expect(audit).toMatchObject({ action: "resource.added", actorId: organizer.id, targetType: "resource" });
  });

  it("accepts a file exactly at the size limit", async () => {
    const content = Buffer.concat([SAMPLES.pdf, Buffer.alloc(1000 - SAMPLES.pdf.length, 0x20)]);
    await upload([...fields(), filePart("exact.pdf", content)], organizer, 1000);
    expect(await database.db.select().from(resources)).toHaveLength(1);
  });

  it("refuses a file one byte over the size limit, and keeps nothing", async () => {
    const content = Buffer.concat([SAMPLES.pdf, Buffer.alloc(1001 - SAMPLES.pdf.length, 0x20)]);
    const error = await expectAppError(upload([...fields(), filePart("over.pdf", content)], organizer, 1000));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/larger than the .* limit/);
    expect(await database.db.select().from(resources)).toHaveLength(0);
    await expectNothingLeft();
  });

  it("refuses a file over the limit while it streams, before reading it all, and keeps nothing", async () => {
    const limit = 256 * 1024;
    const total = 20 * 1024 * 1024;
    const body = multipartBody([...fields(), filePart("huge.pdf", Buffer.from("@@FILE@@"))]);
    const at = body.indexOf("@@FILE@@");
    const { stream, counter } = lazyBody(Buffer.concat([body.subarray(0, at), SAMPLES.pdf]), total, body.subarray(at + 8));

    const error = await expectAppError(receiveResourceUpload({ viewer: organizer, request: uploadRequest(stream), maxBytes: limit }));
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/larger than the .* limit/);
    expect(counter.pulled).toBeLessThan(total / 4);
    await expectNothingLeft();
  });

  it("refuses at once when the declared length is already too large", async () => {
    const { stream, counter } = lazyBody(Buffer.from("x"), 10, Buffer.alloc(0));
    const request = uploadRequest(stream, { "content-length": String(500 * 1024 * 1024) });
    const error = await expectAppError(receiveResourceUpload({ viewer: organizer, request, maxBytes: 1024 * 1024 }));
    expect(error.status).toBe(413);
    expect(counter.pulled).toBe(0);
    await expectNothingLeft();
  });

  it("refuses an empty file with 400", async () => {
    const error = await expectAppError(upload([...fields(), filePart("empty.pdf", Buffer.alloc(0))]));
    expect(error.status).toBe(400);
    expect(error.fieldErrors?.file?.[0]).toMatch(/empty/);
    await expectNothingLeft();
  });

  it("asks for a file when none was chosen", async () => {
    const error = await expectAppError(upload([...fields(), { name: "file", fileName: "", content: Buffer.alloc(0) }]));
    expect(error.status).toBe(400);
    expect(error.fieldErrors?.file).toEqual(["Choose a file to upload."]);
  });

  it.each([
    ["../../etc/passwd.pdf", /\//],
    ["slides\u202Efdp.exe", /text-direction/],
    ["a\\b.pdf", /\\/],
  ])("refuses the file name %j with 400", async (fileName, problem) => {
    const error = await expectAppError(upload([...fields(), filePart(fileName, SAMPLES.pdf)]));
    expect(error.status).toBe(400);
    expect(error.fieldErrors?.file?.[0]).toMatch(problem);
    await expectNothingLeft();
  });

  it.each([
    ["a PNG named .pdf", "chart.pdf", SAMPLES.png],
    ["an HTML page named .pdf", "report.pdf", SAMPLES.html],
    ["a Windows program", "report.pdf", SAMPLES.exe],
  ])("refuses %s with 415 and keeps nothing", async (_label, fileName, content) => {
    const error = await expectAppError(upload([...fields(), filePart(fileName, content)]));
    expect(error.status).toBe(415);
    await expectNothingLeft();
  });

  it("reports bad fields and a bad file together", async () => {
    const error = await expectAppError(upload([...fields({ title: "", type: "podcast" }), filePart("x.pdf", SAMPLES.png)]));
    expect(error.status).toBe(415);
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["file", "title", "type"]);
    await expectNothingLeft();
  });

  it("refuses fields the form does not have", async () => {
    const error = await expectAppError(upload([...fields(), { name: "storageKey", value: "../../x" }, filePart("a.pdf", SAMPLES.pdf)]));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/fields it should not have \(storageKey\)/);
    await expectNothingLeft();
  });

  it("refuses a second file, and files in other fields", async () => {
    expect((await expectAppError(upload([...fields(), filePart("a.pdf", SAMPLES.pdf), filePart("b.pdf", SAMPLES.pdf)]))).status).toBe(400);
    const other: Part = { name: "attachment", fileName: "a.pdf", content: SAMPLES.pdf };
    expect((await expectAppError(upload([...fields(), other]))).status).toBe(400);
    await expectNothingLeft();
  });

  it("removes the stored file when the row can't be written", async () => {
    const draft = await createEvent(database.db, { status: "draft", publishedAt: null });
    const error = await expectAppError(upload([...fields({ eventId: draft.id }), filePart("a.pdf", SAMPLES.pdf)]));
    expect(error.fieldErrors?.eventId).toEqual(["Choose an event from the list."]);
    await expectNothingLeft();
  });

  it("refuses a body that is not a multipart form", async () => {
    const request = new Request("http://convene.test/manage/resources/upload", {
      method: "POST",
      body: JSON.stringify({ title: "x" }),
      headers: { "content-type": "application/json" },
    });
    expect((await expectAppError(receiveResourceUpload({ viewer: organizer, request }))).status).toBe(400);
  });

  it("refuses an upload that stops half way", async () => {
    const body = multipartBody([...fields(), filePart("cut.pdf", Buffer.concat([SAMPLES.pdf, Buffer.alloc(100_000)]))]);
    const error = await expectAppError(receiveResourceUpload({ viewer: organizer, request: uploadRequest(body.subarray(0, 50_000)) }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/interrupted/);
    await expectNothingLeft();
  });

  it.each([
    ["a visitor", null, 401],
    ["a member", "member", 403],
  ] as const)("refuses %s before reading the body", async (_label, who, status) => {
    const { stream, counter } = lazyBody(multipartBody([...fields(), filePart("a.pdf", SAMPLES.pdf)]), 0, Buffer.alloc(0));
    const viewer = who === "member" ? member : null;
    const error = await expectAppError(receiveResourceUpload({ viewer, request: uploadRequest(stream) }));
    expect(error.status).toBe(status);
    expect(counter.pulled).toBe(0);
    await expectNothingLeft();
  });
});
