import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, events, resources, users } from "@/db/schema";
import { useTestDatabase } from "@/db/testing";
import { resetEnvForTests } from "@/lib/env";
import { describeStorage, getStorage } from "@/lib/storage";
import type { Viewer } from "@/lib/viewer";
import { clearTables, createEvent, createMember, viewerOf } from "@/test/factories";
import { startS3Server, type TestS3Server } from "@/test/s3-server";
import { multipartBody, SAMPLES, uploadRequest, useUploadDir, type Part } from "./test-samples";
import { receiveResourceUpload } from "./upload";
import { expectAppError } from "@/test/fixtures";

const database = useTestDatabase();
// Temp files still wait on local disk while they are checked, whatever the store.
const uploads = useUploadDir();

let server: TestS3Server;
let organizer: Viewer;

/** Runs with the app's environment pointed at the test server's bucket (`overrides` on top). */
function useBucketEnv(overrides: Record<string, string> = {}) {
  for (const [name, value] of Object.entries({ ...server.env, ...overrides })) process.env[name] = value;
  resetEnvForTests();
}

beforeAll(async () => {
  server = await startS3Server();
});
afterAll(async () => {
  for (const name of Object.keys(server.env)) delete process.env[name];
  resetEnvForTests();
  await server.stop();
});
beforeEach(async () => {
  await clearTables(database.db, auditLog, resources, events, users);
  uploads.clear();
  organizer = viewerOf(await createMember(database.db, { role: "organizer" }));
});

const parts = (extra: Record<string, string> = {}): Part[] => [
  ...Object.entries({ title: "Alt text slides", description: "From the session.", type: "slides", topics: "Accessibility", ...extra }).map(([name, value]) => ({
    name,
    value,
  })),
  { name: "file", fileName: "slides.pdf", content: SAMPLES.pdf, contentType: "application/pdf" },
];

async function objectsInBucket(): Promise<string[]> {
  const client = new S3Client({
    endpoint: server.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: server.env.AWS_ACCESS_KEY_ID!, secretAccessKey: server.env.AWS_SECRET_ACCESS_KEY! },
  });
  const listed = await client.send(new ListObjectsV2Command({ Bucket: server.bucket }));
  return (listed.Contents ?? []).map((object) => object.Key!);
}

describe("uploading a file resource to an S3 bucket", () => {
  it("stores the file in the bucket named by STORAGE_URL, then records the row", async () => {
    useBucketEnv({ STORAGE_URL: `s3://${server.bucket}/convene` });
    expect(describeStorage()).toBe(`bucket ${server.bucket} under convene/ (STORAGE_URL, ${server.endpoint})`);
    const created = await receiveResourceUpload({ viewer: organizer, request: uploadRequest(multipartBody(parts())) });
    const [row] = await database.db.select().from(resources).where(eq(resources.id, created.id));
    expect(row).toMatchObject({ kind: "file", sizeBytes: SAMPLES.pdf.length });
    expect(await objectsInBucket()).toEqual([`convene/${row!.storageKey}`]);
    expect((await getStorage().stat(row!.storageKey!))?.size).toBe(SAMPLES.pdf.length);
    // Nothing stays on local disk: the temp file is gone and the object is only in the bucket.
    expect(uploads.files()).toEqual([]);
  });

  it("tells the organizer the file could not be saved when the bucket refuses it, and records nothing", async () => {
    useBucketEnv({ STORAGE_URL: "s3://no-such-bucket" });
    const error = await expectAppError(receiveResourceUpload({ viewer: organizer, request: uploadRequest(multipartBody(parts())) }));
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/^The file could not be saved because the file store refused it\. Nothing was added\./);
    // The store's details (bucket names, error codes) stay in the log.
    expect(error.message).not.toContain("no-such-bucket");
    expect(await database.db.select().from(resources)).toEqual([]);
    expect(await database.db.select().from(auditLog)).toEqual([]);
    expect(uploads.files()).toEqual([]);
  });

  it("removes the object from the bucket when the row can't be written", async () => {
    useBucketEnv();
    const draft = await createEvent(database.db, { status: "draft", publishedAt: null });
    const error = await expectAppError(receiveResourceUpload({ viewer: organizer, request: uploadRequest(multipartBody(parts({ eventId: draft.id }))) }));
    expect(error.fieldErrors?.eventId).toEqual(["Choose an event from the list."]);
    expect(await database.db.select().from(resources)).toEqual([]);
    // Only the first test's object, under its prefix: this one was stored at the top and removed again.
    expect((await objectsInBucket()).filter((key) => !key.startsWith("convene/"))).toEqual([]);
  });
});
