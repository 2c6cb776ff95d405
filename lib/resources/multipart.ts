import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { Busboy, type BusboyInstance } from "@fastify/busboy";
import { ContentInspector } from "./content-inspector";
import { checkFileName } from "./file-name";
import { formatFileSize } from "./format";
import { UploadError } from "./upload-error";

export const FILE_FIELD = "file";
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 16 * 1024;

/** The upload, complete on disk, with what was learned while it streamed past. */
export type ReceivedFile = { tempPath: string; fileName: string; size: number; head: Buffer; isText: boolean };
/** `file` is the `file` field's; `files` has every file field that was sent with a file. */
export type ReceivedForm = { fields: Record<string, string>; file: ReceivedFile | null; files: Record<string, ReceivedFile> };
export type FileFieldLimit = { maxBytes: number; tooLarge: string };

export function tooLargeMessage(maxBytes: number) {
  return `The file is larger than the ${formatFileSize(maxBytes)} limit. Share a link to it instead, or make it smaller.`;
}

/**
 * Reads a multipart form as it streams in: text fields into memory (small and
 * few), the one file into a temp file under `tempDir`. Stops reading the moment
 * something is wrong (too large, a second file, a bad name), and then leaves no
 * temp file behind. On success the caller owns, and must remove, the temp file.
 */
export async function receiveMultipart({
  body,
  contentType,
  tempDir,
  maxBytes,
  fileFields,
  maxFieldBytes = MAX_FIELD_BYTES,
}: {
  body: ReadableStream<Uint8Array> | null;
  contentType: string | null;
  tempDir: string;
  maxBytes: number;
  /** captions: forms with several files name each field and its own limit; by default one `file` of maxBytes. */
  fileFields?: Record<string, FileFieldLimit>;
  maxFieldBytes?: number;
}): Promise<ReceivedForm> {
  const limits: Record<string, FileFieldLimit> = fileFields ?? { [FILE_FIELD]: { maxBytes, tooLarge: tooLargeMessage(maxBytes) } };
  const largest = Math.max(...Object.values(limits).map((limit) => limit.maxBytes));
  if (!body || !contentType?.toLowerCase().startsWith("multipart/form-data")) {
    throw new UploadError(400, "Send the form with its file as multipart/form-data.");
  }
  let parser: BusboyInstance;
  try {
    // @fastify/busboy: the maintained fork of busboy (header parameters, file names included, are read as UTF-8).
    parser = new Busboy({
      headers: { "content-type": contentType },
      // Keep what the browser sent, so a name like "../x.pdf" is refused, not silently shortened.
      preservePath: true,
      // The fork reports "limit" once a file goes past fileSize, so exactly maxBytes is still allowed.
      limits: {
        files: Object.keys(limits).length,
        fileSize: largest,
        fields: MAX_FIELDS,
        parts: MAX_FIELDS + Object.keys(limits).length,
        fieldSize: maxFieldBytes,
      },
    });
  } catch {
    throw new UploadError(400, "The form could not be read. Reload the page and try again.");
  }
  await fs.mkdir(tempDir, { recursive: true });
  const source = Readable.fromWeb(body as NodeReadableStream<Uint8Array>);

  return new Promise<ReceivedForm>((resolve, reject) => {
    const fields = new Map<string, string>();
    const writes = new Map<string, Promise<ReceivedFile>>();
    const tempPaths: string[] = [];
    const fileStreams: Readable[] = [];
    // Set once the form is resolved or refused; whatever happens after is noise.
    let settled = false;

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      // Not reading the rest is the point: a refused upload costs neither bandwidth nor disk.
      // On the next tick, because busboy is still inside the write that reported the problem.
      setImmediate(() => {
        source.destroy();
        parser.destroy();
        // The fork does not end a file stream when the parser is destroyed: end it, so the write settles.
        for (const stream of fileStreams) stream.destroy(new Error("upload refused"));
      });
      void Promise.allSettled([...writes.values()])
        .then(() => Promise.all(tempPaths.map((tempPath) => fs.rm(tempPath, { force: true }))))
        .finally(() => reject(asUploadError(error)));
    };
    const refuse = (message: string, status: 400 | 413 = 400, field = FILE_FIELD) => fail(new UploadError(status, message, { [field]: [message] }));

    parser.on("field", (name, value, nameTruncated, valueTruncated) => {
      if (nameTruncated || valueTruncated) return fail(new UploadError(400, `The ${name} field is too long.`));
      if (fields.has(name)) return fail(new UploadError(400, `The form sent the ${name} field twice.`));
      fields.set(name, value);
    });

    parser.on("file", (name, stream, filename) => {
      if (settled) return discard(stream);
      const limit = Object.hasOwn(limits, name) ? limits[name] : undefined;
      if (!limit) {
        discard(stream);
        return fail(new UploadError(400, `The form sent a file in an unexpected field (${name}).`));
      }
      // Browsers send an empty, nameless part when no file was chosen.
      if (!filename) return discard(stream);
      if (writes.has(name)) {
        discard(stream);
        return refuse("Upload one file at a time.", 400, name);
      }
      const checked = checkFileName(filename);
      if (!checked.ok) {
        discard(stream);
        return refuse(checked.problem, 400, name);
      }
      const target = path.join(tempDir, `${randomUUID()}.part`);
      tempPaths.push(target);
      fileStreams.push(stream);
      // The form's largest limit is busboy's; a field with a smaller one is held to it as the bytes pass.
      const inspector = new ContentInspector(limit.maxBytes < largest ? { ...limit, field: name } : undefined);
      stream.on("limit", () => refuse(limit.tooLarge, 413, name));
      const written = pipeline(stream, inspector, createWriteStream(target, { flags: "wx", mode: 0o600 })).then(() => ({
        tempPath: target,
        fileName: checked.name,
        size: inspector.size,
        head: inspector.head,
        isText: inspector.isText,
      }));
      writes.set(name, written);
      written.catch(fail);
    });

    parser.on("filesLimit", () => refuse("Upload one file at a time."));
    parser.on("fieldsLimit", () => fail(new UploadError(400, "The form has too many fields.")));
    parser.on("partsLimit", () => fail(new UploadError(400, "The form has too many fields.")));
    parser.on("error", fail);
    source.on("error", fail);
    // The fork's "finish" is busboy's "close": every part parsed and every file stream ended.
    parser.on("finish", () => {
      if (settled) return;
      const names = [...writes.keys()];
      Promise.all(writes.values()).then((received) => {
        if (settled) return;
        settled = true;
        const files = Object.fromEntries(names.map((name, index) => [name, received[index]!]));
        resolve({ fields: Object.fromEntries(fields), file: files[FILE_FIELD] ?? null, files });
      }, fail);
    });
    source.pipe(parser);
  });
}

/** Drains a part we won't keep; it errors harmlessly if the form is abandoned meanwhile. */
function discard(stream: Readable) {
  stream.on("error", () => {});
  stream.resume();
}

function asUploadError(error: unknown): UploadError {
  if (error instanceof UploadError) return error;
  // Usually the browser went away mid-upload; logged in case it was the disk instead.
  console.warn("Upload failed:", error instanceof Error ? error.message : error);
  return new UploadError(400, "The upload was interrupted or could not be read. Try again.");
}
