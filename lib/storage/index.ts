import "server-only";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { createLocalStorage } from "./local";
import type { FileStorage } from "./types";

export type { ByteRange, FileStorage, StoredObject, StoredRead } from "./types";

/**
 * The configured storage. Only the local directory exists today; an S3-compatible
 * implementation of FileStorage (PutObject or a multipart upload in `put`, GetObject
 * with a Range header in `get`) would be chosen here from its own variables.
 */
export function getStorage(): FileStorage {
  return createLocalStorage(path.resolve(getEnv().UPLOAD_DIR));
}

/** Uploads wait here while they are checked: on the upload volume, not a /tmp other users can read. */
export function uploadTempDir(): string {
  return path.join(path.resolve(getEnv().UPLOAD_DIR), ".incoming");
}
