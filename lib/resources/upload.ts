import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { z } from "zod";
import { assertRole } from "@/lib/auth/assert";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enforceRateLimits } from "@/lib/rate-limit";
import { getStorage, StorageError, uploadTempDir, type FileStorage } from "@/lib/storage";
import type { Viewer } from "@/lib/viewer";
import { identifyUpload } from "./file-types";
import { createFileResource, ORGANIZERS, type ResourceChange } from "./manage";
import { receiveMultipart, tooLargeMessage, type ReceivedFile } from "./multipart";
import { fileResourceSchema } from "./resource-schema";
import { UploadError } from "./upload-error";

export const UPLOADS_PER_ORGANIZER = 30;
export const UPLOAD_WINDOW_MS = 60 * 60 * 1000;

// Room for the text fields and multipart framing around the file itself.
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * A new file resource from a multipart POST: authorize before reading a byte,
 * stream the file to a temp file (refusing it as soon as it is too large), check
 * the fields and what the bytes really are, store it under a random key, then
 * insert the row. Any refusal or failure leaves neither a file nor a row.
 */
export async function receiveResourceUpload({
  viewer,
  request,
  storage = getStorage(),
  maxBytes = getEnv().UPLOAD_MAX_BYTES,
}: {
  viewer: Viewer | null;
  request: Request;
  storage?: FileStorage;
  maxBytes?: number;
}): Promise<ResourceChange> {
  assertRole(viewer, ORGANIZERS);
  // Before a byte is read: each upload is up to UPLOAD_MAX_BYTES of disk.
  await enforceRateLimits([{ bucket: `upload:user:${viewer.id}`, limit: UPLOADS_PER_ORGANIZER, windowMs: UPLOAD_WINDOW_MS }], {
    doing: "uploaded files",
    timeZone: viewer.timeZone,
  });
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes + FORM_OVERHEAD_BYTES) {
    const message = tooLargeMessage(maxBytes);
    throw new UploadError(413, message, { file: [message] });
  }
  const form = await receiveMultipart({
    body: request.body,
    contentType: request.headers.get("content-type"),
    tempDir: uploadTempDir(),
    maxBytes,
  });
  try {
    const { input, file, type } = await checkUpload(form.fields, form.file);
    const storageKey = randomUUID();
    const stored = await storage.put(storageKey, createReadStream(file.tempPath)).catch((error: unknown) => {
      if (!(error instanceof StorageError)) throw error;
      // The store's own words (access denied, no such bucket) are for the log, not the organizer.
      console.error(`Upload ${storageKey} could not be stored:`, error);
      throw new AppError(
        "unavailable",
        "The file could not be saved because the file store refused it. Nothing was added. Try again in a few minutes; if it keeps happening, tell an administrator.",
      );
    });
    try {
      return await createFileResource(viewer, input, { storageKey, fileName: file.fileName, mimeType: type.mime, sizeBytes: stored.size });
    } catch (error) {
      await storage.remove(storageKey).catch((removal: unknown) => console.error(`Could not remove orphaned upload ${storageKey}:`, removal));
      throw error;
    }
  } finally {
    if (form.file) await fs.rm(form.file.tempPath, { force: true });
  }
}

/** Every problem at once, so the organizer can fix the form in one go; the file's decides the status. */
async function checkUpload(fields: Record<string, string>, file: ReceivedFile | null) {
  const parsed = fileResourceSchema.safeParse(fields);
  let fileError: UploadError | null = null;
  let type: Awaited<ReturnType<typeof identifyUpload>> | null = null;
  if (!file) fileError = new UploadError(400, "Choose a file to upload.");
  else if (file.size === 0) fileError = new UploadError(400, "The file is empty. Choose a file that has something in it.");
  else {
    try {
      type = await identifyUpload({ filePath: file.tempPath, fileName: file.fileName, head: file.head, isText: file.isText });
    } catch (error) {
      if (!(error instanceof UploadError)) throw error;
      fileError = error;
    }
  }
  if (parsed.success && file && type && !fileError) return { input: parsed.data, file, type };

  const fieldErrors: Record<string, string[]> = {};
  let message = "Please correct the errors below.";
  if (!parsed.success) {
    const unknown = parsed.error.issues.filter((issue) => issue.code === "unrecognized_keys").flatMap((issue) => issue.keys);
    if (unknown.length > 0) message = `The form sent fields it should not have (${unknown.join(", ")}). Reload the page and try again.`;
    for (const [field, problems] of Object.entries(z.flattenError(parsed.error).fieldErrors)) {
      if (problems?.length) fieldErrors[field] = problems;
    }
  }
  if (fileError) {
    fieldErrors.file = [fileError.message];
    if (parsed.success) message = fileError.message;
  }
  throw new UploadError(fileError?.uploadStatus ?? 400, message, fieldErrors);
}
