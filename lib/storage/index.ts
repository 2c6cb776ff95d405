import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { getEnv, type Env } from "@/lib/env";
import { storageConfigFrom, type StorageConfig } from "./config";
import { createLocalStorage } from "./local";
import { createS3Storage, type S3Storage } from "./s3";
import type { FileStorage } from "./types";

export type { ByteRange, FileStorage, StoredObject, StoredRead } from "./types";
export { StorageError } from "./errors";

let chosen: { env: Env; config: StorageConfig; storage: FileStorage } | undefined;

/**
 * The configured storage: a bucket when STORAGE_URL is set or cloud.gov bound an S3 service,
 * otherwise the local directory UPLOAD_DIR. Made once per configuration, so one S3 client
 * (and its connection pool) serves every request.
 */
export function getStorage(): FileStorage {
  return choose().storage;
}

function choose() {
  const env = getEnv();
  if (chosen?.env !== env) {
    // The AWS_ variables and VCAP_SERVICES are read as the AWS SDK and cloud.gov name them.
    const config = storageConfigFrom(process.env, path.resolve(env.UPLOAD_DIR));
    chosen = { env, config, storage: config.kind === "s3" ? createS3Storage(config) : createLocalStorage(config.dir) };
  }
  return chosen;
}

/** Where files are kept, without secrets, for a start-up log line. */
export function describeStorage(): string {
  const { config } = choose();
  if (config.kind === "local") return `local directory ${config.dir}`;
  return `bucket ${config.bucket}${config.prefix ? ` under ${config.prefix}` : ""} (${config.source}${config.endpoint ? `, ${config.endpoint}` : ""})`;
}

/** For a readiness check: throws when files could not be stored now (bucket unreachable, directory not writable). */
export async function checkStorage(): Promise<void> {
  const { config, storage } = choose();
  if (config.kind === "s3") return (storage as S3Storage).check();
  await fs.mkdir(config.dir, { recursive: true });
  await fs.access(config.dir, fs.constants.W_OK);
}

/** Uploads wait here while they are checked: on the upload volume, not a /tmp other users can read. */
export function uploadTempDir(): string {
  return path.join(path.resolve(getEnv().UPLOAD_DIR), ".incoming");
}
