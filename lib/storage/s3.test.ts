import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startS3Server, type TestS3Server } from "@/test/s3-server";
import { storageConfigFrom, type S3Config } from "./config";
import { StorageError } from "./errors";
import { createS3Client, createS3Storage, type S3Storage } from "./s3";

let server: TestS3Server;
let config: S3Config;
let storage: S3Storage;
/** The commands our client sent, to see that a large file really went up in parts. */
let sent: string[] = [];

function s3ConfigFrom(env: Record<string, string>): S3Config {
  const parsed = storageConfigFrom(env, "/unused");
  if (parsed.kind !== "s3") throw new Error("expected an S3 configuration");
  return parsed;
}

function recordingClient(forConfig: S3Config): S3Client {
  const client = createS3Client(forConfig);
  client.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(context.commandName as string);
      return next(args);
    },
    { step: "initialize", name: "recordCommands" },
  );
  return client;
}

beforeAll(async () => {
  server = await startS3Server();
  config = s3ConfigFrom({ ...server.env, STORAGE_URL: `${server.env.STORAGE_URL}/convene/uploads` });
  storage = createS3Storage(config, recordingClient(config));
});
afterAll(() => server?.stop());
beforeEach(() => {
  sent = [];
});

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** 12 MB that differ byte by byte (a misplaced part shows), made 64 KB at a time as it is read. */
const BIG = Buffer.alloc(12 * 1024 * 1024);
for (let i = 0; i < BIG.length; i++) BIG[i] = (i * 7 + (i >> 16)) % 251;
const chunked = (content: Buffer, size = 64 * 1024) =>
  Readable.from(
    (function* () {
      for (let at = 0; at < content.length; at += size) yield content.subarray(at, at + size);
    })(),
  );

/** A source that sends `bytes` and then fails as a dropped connection would. */
function failingAfter(bytes: number) {
  let pushed = 0;
  return new Readable({
    read() {
      if (pushed < bytes) {
        const chunk = Buffer.alloc(Math.min(256 * 1024, bytes - pushed), 1);
        pushed += chunk.length;
        this.push(chunk);
      } else {
        this.destroy(new Error("connection reset"));
      }
    },
  });
}

const content = Buffer.from("0123456789abcdefghij");

describe("S3 storage against a real S3 server", () => {
  it("uploads a large stream in parts and reads it back byte for byte", async () => {
    expect(await storage.put("big-1", chunked(BIG))).toEqual({ size: BIG.length });
    // 12 MB in 5 MB parts: three parts, so the multipart path (not one PutObject) was taken.
    expect(sent.filter((name) => name === "UploadPartCommand")).toHaveLength(3);
    expect(sent).toContain("CreateMultipartUploadCommand");
    expect(sent).toContain("CompleteMultipartUploadCommand");
    const got = await storage.get("big-1");
    expect(got?.size).toBe(BIG.length);
    expect((await read(got!.stream)).equals(BIG)).toBe(true);
    expect(await storage.stat("big-1")).toEqual({ size: BIG.length });
  });

  it("reads an inclusive byte range, across a part boundary too, and reports the whole size", async () => {
    await storage.put("big-2", chunked(BIG));
    const boundary = 5 * 1024 * 1024;
    const across = await storage.get("big-2", { start: boundary - 10, end: boundary + 9 });
    expect(across?.size).toBe(BIG.length);
    expect((await read(across!.stream)).equals(BIG.subarray(boundary - 10, boundary + 10))).toBe(true);
    const last = await storage.get("big-2", { start: BIG.length - 1, end: BIG.length - 1 });
    expect((await read(last!.stream)).equals(BIG.subarray(BIG.length - 1))).toBe(true);

    await storage.put("small-1", Readable.from([content.subarray(0, 7), content.subarray(7)]));
    const got = await storage.get("small-1", { start: 5, end: 9 });
    expect(got?.size).toBe(20);
    expect((await read(got!.stream)).toString()).toBe("56789");
  });

  it("refuses a range outside the object, as local storage does (S3 itself would shorten one that runs past the end)", async () => {
    await storage.put("small-2", Readable.from([content]));
    await expect(storage.get("small-2", { start: 10, end: 20 })).rejects.toThrow(RangeError);
    await expect(storage.get("small-2", { start: 20, end: 25 })).rejects.toThrow(RangeError);
    await expect(storage.get("small-2", { start: 5, end: 4 })).rejects.toThrow(RangeError);
    await expect(storage.get("small-2", { start: 10, end: 20 })).rejects.toThrow("Range 10-20 is outside an object of 20 bytes");
  });

  it("replaces an object that is stored again under the same key", async () => {
    await storage.put("small-3", chunked(BIG));
    expect(await storage.put("small-3", Readable.from([content]))).toEqual({ size: 20 });
    expect(await storage.stat("small-3")).toEqual({ size: 20 });
    expect(await read((await storage.get("small-3"))!.stream)).toEqual(content);
  });

  it("removes objects, and removing a missing one is fine", async () => {
    await storage.put("small-4", Readable.from([content]));
    await storage.remove("small-4");
    expect(await storage.get("small-4")).toBeNull();
    expect(await storage.stat("small-4")).toBeNull();
    await expect(storage.remove("small-4")).resolves.toBeUndefined();
  });

  it("answers null for objects that were never stored", async () => {
    expect(await storage.get("never-stored")).toBeNull();
    expect(await storage.get("never-stored", { start: 0, end: 0 })).toBeNull();
    expect(await storage.stat("never-stored")).toBeNull();
  });

  it("keeps objects under the prefix, where storage without it does not see them", async () => {
    await storage.put("small-5", Readable.from([content]));
    const raw = createS3Client(config);
    const head = await raw.send(new HeadObjectCommand({ Bucket: server.bucket, Key: "convene/uploads/small-5" }));
    expect(head.ContentLength).toBe(20);
    const unprefixed = createS3Storage(s3ConfigFrom(server.env));
    expect(await unprefixed.stat("small-5")).toBeNull();
  });

  it("leaves nothing behind when the stream fails part way, in one request or in parts, and reports the stream's error", async () => {
    await expect(storage.put("fail-1", failingAfter(1024 * 1024))).rejects.toThrow("connection reset");
    expect(await storage.stat("fail-1")).toBeNull();
    // Past the first part, so a multipart upload had begun. (s3rver has no AbortMultipartUpload, so the abort
    // the uploader sends is refused here; the source's own error must still be the one reported.)
    await expect(storage.put("fail-2", failingAfter(11 * 1024 * 1024))).rejects.toThrow("connection reset");
    expect(sent).toContain("CreateMultipartUploadCommand");
    expect(sent).toContain("AbortMultipartUploadCommand");
    expect(await storage.stat("fail-2")).toBeNull();
  });

  it("refuses keys that could name another object", async () => {
    for (const key of ["../escape", "a/b", ".hidden", "", "a\\b", "x".repeat(200)]) {
      await expect(storage.put(key, Readable.from([content]))).rejects.toThrow("Invalid storage key");
      await expect(storage.get(key)).rejects.toThrow("Invalid storage key");
      await expect(storage.stat(key)).rejects.toThrow("Invalid storage key");
      await expect(storage.remove(key)).rejects.toThrow("Invalid storage key");
    }
  });

  it("passes its readiness check", async () => {
    await expect(storage.check()).resolves.toBeUndefined();
  });
});

describe("S3 storage when the store refuses", () => {
  const tempDir = mkdtempSync(path.join(tmpdir(), "convene-s3-source-"));
  afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

  // s3rver has no bucket policies, so "access denied" is its refusal of an unknown access key (403, as AccessDenied).
  const refusing: [string, () => Record<string, string>, RegExp][] = [
    ["the bucket is missing", () => ({ ...server.env, STORAGE_URL: "s3://no-such-bucket" }), /NoSuchBucket/],
    ["the credentials are refused", () => ({ ...server.env, AWS_ACCESS_KEY_ID: "AKIANOTKNOWN" }), /InvalidAccessKeyId/],
    // Port 1 on loopback: nothing listens there.
    ["the store is unreachable", () => ({ ...server.env, AWS_ENDPOINT_URL: "http://127.0.0.1:1" }), /ECONNREFUSED/],
  ];

  for (const [when, env, code] of refusing) {
    it(`fails with a StorageError naming the bucket when ${when}, stores nothing and lets go of the source`, async () => {
      const bad = createS3Storage(s3ConfigFrom(env()));
      const source = path.join(tempDir, "source.bin");
      for (const size of [content.length, BIG.length]) {
        writeFileSync(source, size === BIG.length ? BIG : content);
        const stream = createReadStream(source);
        const error = await bad.put("refused-1", stream).then(
          () => null,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(StorageError);
        expect((error as StorageError).message).toMatch(/^Could not store refused-1 in bucket /);
        expect((error as StorageError).message).toMatch(code);
        // The file handle is closed, so the caller can remove its temp file.
        expect(stream.destroyed).toBe(true);
        expect(await storage.stat("refused-1")).toBeNull();
      }
      await expect(bad.check()).rejects.toThrow(StorageError);
    });
  }
});
