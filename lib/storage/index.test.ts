import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, resetEnvForTests } from "@/lib/env";
import { startS3Server, type TestS3Server } from "@/test/s3-server";
import { StorageError } from "./errors";
import { checkStorage, describeStorage, getStorage } from "./index";

let server: TestS3Server;
const dir = mkdtempSync(path.join(tmpdir(), "convene-storage-choice-"));
const NAMES = [
  "STORAGE_URL",
  "AWS_ENDPOINT_URL",
  "AWS_REGION",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "S3_FORCE_PATH_STYLE",
  "VCAP_SERVICES",
  "UPLOAD_DIR",
];
const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));

function setEnv(values: Record<string, string>) {
  for (const name of NAMES) delete process.env[name];
  Object.assign(process.env, { UPLOAD_DIR: dir }, values);
  resetEnvForTests();
}

beforeAll(async () => {
  server = await startS3Server();
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvForTests();
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the configured storage", () => {
  it("is the local directory when no storage variable is set, as before", async () => {
    setEnv({});
    expect(describeStorage()).toBe(`local directory ${dir}`);
    await getStorage().put("chosen-1", Readable.from([Buffer.from("on disk")]));
    expect(await getStorage().stat("chosen-1")).toEqual({ size: 7 });
    await expect(checkStorage()).resolves.toBeUndefined();
  });

  it("is the bucket once STORAGE_URL is set, made once for the configuration, and ready when the bucket answers", async () => {
    setEnv(server.env);
    expect(describeStorage()).toBe(`bucket ${server.bucket} (STORAGE_URL, ${server.endpoint})`);
    expect(getStorage()).toBe(getStorage());
    expect(await getStorage().stat("chosen-1")).toBeNull();
    await getStorage().put("chosen-2", Readable.from([Buffer.from("in the bucket")]));
    expect(await getStorage().stat("chosen-2")).toEqual({ size: 13 });
    await expect(checkStorage()).resolves.toBeUndefined();
  });

  it("is not ready when the bucket is missing", async () => {
    setEnv({ ...server.env, STORAGE_URL: "s3://no-such-bucket" });
    await expect(checkStorage()).rejects.toThrow(StorageError);
  });

  it("refuses to start from a bad STORAGE_URL", () => {
    setEnv({ STORAGE_URL: "s3://Bad_Bucket" });
    expect(() => getStorage()).toThrow(ConfigError);
    expect(() => getStorage()).toThrow(/STORAGE_URL must look like s3:\/\/bucket-name/);
  });
});
