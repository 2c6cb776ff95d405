import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import { Readable } from "node:stream";
import { z } from "zod";
import { assertRole } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import { logFor } from "@/lib/log";
import { enforceRateLimits } from "@/lib/rate-limit";
import { getStorage, StorageError, uploadTempDir, type FileStorage } from "@/lib/storage";
import type { Viewer } from "@/lib/viewer";
import { checkCaptions, CAPTIONS_MAX_BYTES } from "./captions-format";
import { captionsFormSchema, TRANSCRIPT_FILE_TYPES, TRANSCRIPT_MAX_BYTES, TRANSCRIPT_TEXT_MAX } from "./captions-schema";
import { saveCaptionsAndTranscript, type CaptionsChange, type StoredCaptions, type StoredTranscript } from "./captions";
import { ALLOWED_FILE_TYPES, identifyUpload } from "./file-types";
import { formatFileSize } from "./format";
import { assertResourceId, ORGANIZERS } from "./manage";
import { receiveMultipart, type ReceivedFile } from "./multipart";
import { UploadError } from "./upload-error";
import { UPLOAD_WINDOW_MS, UPLOADS_PER_ORGANIZER } from "./upload";

const log = logFor("captions");

export const CAPTIONS_FILE_FIELD = "captionsFile";
export const TRANSCRIPT_FILE_FIELD = "transcriptFile";
// The pasted transcript (up to 200,000 characters, 4 bytes each at most) and the multipart framing.
const MAX_TEXT_BYTES = TRANSCRIPT_TEXT_MAX * 4 + 16 * 1024;
const MAX_BODY_BYTES = CAPTIONS_MAX_BYTES + TRANSCRIPT_MAX_BYTES + MAX_TEXT_BYTES + 64 * 1024;

const FILE_LIMITS = {
  [CAPTIONS_FILE_FIELD]: {
    maxBytes: CAPTIONS_MAX_BYTES,
    tooLarge: `The captions file is larger than ${formatFileSize(CAPTIONS_MAX_BYTES)}, more than captions for one recording need. Check that it is the captions file.`,
  },
  [TRANSCRIPT_FILE_FIELD]: {
    maxBytes: TRANSCRIPT_MAX_BYTES,
    tooLarge: `The transcript file is larger than the ${formatFileSize(TRANSCRIPT_MAX_BYTES)} limit. Save it as plain text, or paste it instead.`,
  },
};

/**
 * A recording's captions and transcript from a multipart POST: authorize, stream both files to
 * temp files (each refused once past its limit), check the captions parse and the transcript is
 * a document people can read, store them under random keys, then save the row. A refusal or
 * failure leaves nothing stored.
 */
export async function receiveCaptionsUpload({
  viewer,
  id,
  request,
  storage = getStorage(),
  now = new Date(),
}: {
  viewer: Viewer | null;
  id: string;
  request: Request;
  storage?: FileStorage;
  now?: Date;
}): Promise<CaptionsChange> {
  assertRole(viewer, ORGANIZERS);
  assertResourceId(id);
  await enforceRateLimits([{ bucket: `upload:user:${viewer.id}`, limit: UPLOADS_PER_ORGANIZER, windowMs: UPLOAD_WINDOW_MS }], {
    doing: "uploaded files",
    timeZone: viewer.timeZone,
  });
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    throw new UploadError(413, "The captions and transcript together are too large to upload. Check that you chose the right files.");
  }
  const form = await receiveMultipart({
    body: request.body,
    contentType: request.headers.get("content-type"),
    tempDir: uploadTempDir(),
    maxBytes: TRANSCRIPT_MAX_BYTES,
    fileFields: FILE_LIMITS,
    maxFieldBytes: MAX_TEXT_BYTES,
  });
  const stored: string[] = [];
  try {
    const checked = await checkForm(form.fields, form.files[CAPTIONS_FILE_FIELD] ?? null, form.files[TRANSCRIPT_FILE_FIELD] ?? null);
    const put = async (body: Readable) => {
      const storageKey = randomUUID();
      stored.push(storageKey);
      const saved = await storage.put(storageKey, body).catch((error: unknown) => {
        if (!(error instanceof StorageError)) throw error;
        log.error({ err: error, storageKey }, "a captions or transcript upload could not be stored");
        throw new AppError("unavailable", "The file could not be saved because the file store refused it. Nothing was changed. Try again in a few minutes.");
      });
      return { storageKey, sizeBytes: saved.size };
    };
    let captions: StoredCaptions | null = null;
    if (checked.captions) {
      const { file, format, cueCount, text } = checked.captions;
      captions = { ...(await put(Readable.from([Buffer.from(text, "utf8")]))), fileName: file.fileName, format, cueCount };
    }
    let transcript: StoredTranscript | null = null;
    if (checked.transcript) {
      const { file, mime } = checked.transcript;
      transcript = { ...(await put(createReadStream(file.tempPath))), fileName: file.fileName, mimeType: mime };
    }
    return await saveCaptionsAndTranscript(viewer, id, { input: checked.input, captions, transcript }, { now, storage });
  } catch (error) {
    for (const key of stored) {
      await storage.remove(key).catch((removal: unknown) => log.error({ err: removal, key }, "an orphaned captions upload was not removed"));
    }
    throw error;
  } finally {
    for (const file of Object.values(form.files)) await fs.rm(file.tempPath, { force: true });
  }
}

/** Every problem at once, each beside its field. */
async function checkForm(fields: Record<string, string>, captionsFile: ReceivedFile | null, transcriptFile: ReceivedFile | null) {
  const parsed = captionsFormSchema.safeParse(fields);
  const fieldErrors: Record<string, string[]> = {};
  let message = "Please correct the errors below.";
  if (!parsed.success) {
    const unknown = parsed.error.issues.filter((issue) => issue.code === "unrecognized_keys").flatMap((issue) => issue.keys);
    if (unknown.length > 0) message = `The form sent fields it should not have (${unknown.join(", ")}). Reload the page and try again.`;
    for (const [field, problems] of Object.entries(z.flattenError(parsed.error).fieldErrors)) {
      if (problems?.length) fieldErrors[field] = problems;
    }
  }

  let captions: { file: ReceivedFile; format: StoredCaptions["format"]; cueCount: number; text: string } | null = null;
  if (captionsFile) {
    const result = checkCaptions(await fs.readFile(captionsFile.tempPath), captionsFile.fileName);
    if (result.ok) captions = { file: captionsFile, format: result.format, cueCount: result.cueCount, text: result.text };
    else fieldErrors[CAPTIONS_FILE_FIELD] = [`${captionsFile.fileName}: ${result.problem}`];
  }

  let transcript: { file: ReceivedFile; mime: string } | null = null;
  if (transcriptFile) {
    const problem = await transcriptProblem(transcriptFile);
    if (typeof problem === "string") fieldErrors[TRANSCRIPT_FILE_FIELD] = [problem];
    else transcript = { file: transcriptFile, mime: problem.mime };
  }

  if (parsed.success && Object.keys(fieldErrors).length === 0) return { input: parsed.data, captions, transcript };
  const first = Object.values(fieldErrors)[0]?.[0];
  // One problem: say it in the alert too, so it is read out first.
  if (Object.keys(fieldErrors).length === 1 && first && message === "Please correct the errors below.") message = first;
  throw new UploadError(400, message, fieldErrors);
}

/** A readable document (text, PDF or Word), or why not. */
async function transcriptProblem(file: ReceivedFile): Promise<string | { mime: string }> {
  if (file.size === 0) return "The transcript file is empty.";
  try {
    const type = await identifyUpload({ filePath: file.tempPath, fileName: file.fileName, head: file.head, isText: file.isText });
    const allowed = TRANSCRIPT_FILE_TYPES.map((ext) => ALLOWED_FILE_TYPES[ext].mime);
    if (!allowed.includes(type.mime as (typeof allowed)[number])) {
      return "A transcript must be a plain text (.txt), PDF or Word (.docx) file. Captions go in the captions field.";
    }
    return { mime: type.mime };
  } catch (error) {
    if (!(error instanceof UploadError)) throw error;
    return `${error.message} A transcript must be a plain text (.txt), PDF or Word (.docx) file.`;
  }
}
