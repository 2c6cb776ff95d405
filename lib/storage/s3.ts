import "server-only";
import { Readable, Transform } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { S3Config } from "./config";
import { StorageError } from "./errors";
import { assertRangeInside, assertStorageKey } from "./keys";
import type { ByteRange, FileStorage } from "./types";

// S3's smallest part. The uploader buffers at most PART_BYTES × PARTS_AT_ONCE of a file in memory.
const PART_BYTES = 5 * 1024 * 1024;
const PARTS_AT_ONCE = 2;

export type S3Storage = FileStorage & { check(): Promise<void> };

export function createS3Client(config: S3Config): S3Client {
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    // Without these a store that stops answering holds an upload or download open forever. The request
    // timeout is for a silent socket, not the whole transfer, so large files still have all the time they need.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    // Only what S3 asks for: some S3-compatible servers refuse the newer default checksum headers.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

/** A store's refusal becomes a StorageError naming the bucket; programming errors pass through. */
function storeFailure(doing: string, config: S3Config, error: unknown): Error {
  if (error instanceof StorageError || error instanceof RangeError) return error;
  if (error instanceof S3ServiceException || (error as Error)?.name === "TimeoutError" || (error as NodeJS.ErrnoException)?.code) {
    const code = error instanceof S3ServiceException ? error.name : ((error as NodeJS.ErrnoException).code ?? (error as Error).name);
    return new StorageError(`Could not ${doing} in bucket ${config.bucket} (${config.source}): ${code}: ${(error as Error).message}`, code, { cause: error });
  }
  return error as Error;
}

/** Objects in one bucket, under an optional prefix, one per key: every instance of the app sees the same files. */
export function createS3Storage(config: S3Config, client: S3Client = createS3Client(config)): S3Storage {
  const Bucket = config.bucket;
  const keyOf = (key: string) => {
    assertStorageKey(key);
    return `${config.prefix}${key}`;
  };

  async function head(key: string) {
    try {
      return await client.send(new HeadObjectCommand({ Bucket, Key: keyOf(key) }));
    } catch (error) {
      if (statusOf(error) === 404 && (error as Error).name !== "NoSuchBucket") return null;
      throw storeFailure(`look up ${key}`, config, error);
    }
  }

  return {
    async put(key, stream: Readable) {
      const Key = keyOf(key);
      let size = 0;
      let streamError: unknown;
      // Counts the bytes on their way; the first error of the source is the one to report (a half-sent body
      // otherwise surfaces as whatever the store made of it).
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          done(null, chunk);
        },
      });
      stream.once("error", (error) => {
        streamError ??= error;
        counted.destroy(error);
      });
      stream.pipe(counted);
      // Small files go in one PutObject; larger ones in parts, and a failed multipart upload is aborted.
      const upload = new Upload({ client, params: { Bucket, Key, Body: counted }, partSize: PART_BYTES, queueSize: PARTS_AT_ONCE });
      try {
        await upload.done();
      } catch (error) {
        // The source (a temp file) stops being read, so its handle is closed before the caller removes it.
        stream.destroy();
        counted.destroy();
        if (streamError) {
          if (streamError !== error) console.error(`Upload of ${key} to bucket ${Bucket} stopped when its source failed; the store said:`, error);
          throw streamError;
        }
        throw storeFailure(`store ${key}`, config, error);
      }
      return { size };
    },

    async get(key, range?: ByteRange) {
      const Key = keyOf(key);
      // Asked before a request, so a nonsense range fails as it does on disk.
      if (range && (range.start < 0 || range.start > range.end)) assertRangeInside(range, Number.POSITIVE_INFINITY);
      let answer;
      try {
        answer = await client.send(new GetObjectCommand({ Bucket, Key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
      } catch (error) {
        const status = statusOf(error);
        if (status === 404 && (error as Error).name !== "NoSuchBucket") return null;
        if (status === 416 && range) {
          const stat = await head(key);
          if (!stat) return null;
          assertRangeInside(range, stat.ContentLength ?? 0);
        }
        throw storeFailure(`read ${key}`, config, error);
      }
      const body = answer.Body as Readable | undefined;
      if (!body) throw new StorageError(`Bucket ${Bucket} answered GetObject ${key} without a body`, undefined);
      // S3 shortens a range that runs past the end rather than refusing it; the interface refuses it.
      const size = range ? wholeSize(answer.ContentRange) : answer.ContentLength;
      try {
        if (size === undefined) throw new StorageError(`Bucket ${Bucket} answered GetObject ${key} without its size`, undefined);
        if (range) assertRangeInside(range, size);
      } catch (error) {
        body.destroy();
        throw error;
      }
      return { stream: body, size };
    },

    async remove(key) {
      try {
        // S3 answers 204 for a key that is not there, so a retried removal is fine.
        await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(key) }));
      } catch (error) {
        throw storeFailure(`remove ${key}`, config, error);
      }
    },

    async stat(key) {
      const answer = await head(key);
      return answer ? { size: answer.ContentLength ?? 0 } : null;
    },

    /** Reachable, the credentials accepted, the bucket there: for a readiness check. */
    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (error) {
        const failure = storeFailure("reach the bucket", config, error);
        throw failure instanceof StorageError ? failure : new StorageError(`Could not reach bucket ${Bucket}: ${String(error)}`, undefined, { cause: error });
      }
    },
  };
}

/** "bytes 0-9/1234" → 1234. */
function wholeSize(contentRange: string | undefined): number | undefined {
  const match = /\/(\d+)$/.exec(contentRange ?? "");
  return match ? Number(match[1]) : undefined;
}
