import "server-only";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { ZipArchive } from "archiver";
import { logFor } from "@/lib/log";

/** One file of an archive: its rows are produced as text chunks, page by page, while the zip is streamed. */
export type ArchiveFile = {
  name: string;
  /** What the file holds, in the manifest's words. */
  description: string;
  /** Text chunks, each with how many records it carries; read lazily, so a slow reader holds the database back, not memory. */
  produce: () => AsyncIterable<{ text: string; records: number }>;
};

export type ManifestFile = { name: string; description: string; records: number; bytes: number; sha256: string };

export type Manifest = {
  /** The archive's own file name. */
  archive: string;
  kind: "event-records" | "organizer-messages";
  createdAt: string;
  createdBy: { id: string; email: string };
  /** What was asked for: the event, the dates, whether accommodation requests are in. */
  scope: Record<string, unknown>;
  /** Records made after this instant are not in the archive (each file reads up to it). */
  asOf: string;
  /** The audit entry that records this export. */
  auditId: number;
  notes: string[];
  files: ManifestFile[];
};

/** How many zip bytes the web stream holds before it stops pulling from the zip (and the zip from the files). */
const QUEUED_CHUNKS = 8;

/**
 * A zip streamed as it is made: each file's chunks go through a PassThrough into archiver, which
 * compresses one entry at a time; the web stream pauses archiver when the client reads slowly,
 * archiver stops reading the PassThrough, whose `write` then waits for `drain`, so the next page of
 * rows is not read from the database until there is room. manifest.json comes last, with each
 * file's record count, size and SHA-256 (of the bytes as stored in the zip, uncompressed).
 */
export function streamArchive({ files, manifest }: { files: ArchiveFile[]; manifest: Omit<Manifest, "files"> }): ReadableStream<Uint8Array> {
  // archiver buffers 1 MiB on each side by default; 64 KiB keeps a paused download small.
  const archive = new ZipArchive({ zlib: { level: 6 }, highWaterMark: 64 * 1024 });
  const stop = new AbortController();
  const date = new Date(manifest.createdAt);
  const log = logFor("records");

  async function fill() {
    const listed: ManifestFile[] = [];
    for (const file of files) {
      const entry = new PassThrough();
      const hash = createHash("sha256");
      let bytes = 0;
      let records = 0;
      archive.append(entry, { name: file.name, date });
      for await (const chunk of file.produce()) {
        if (stop.signal.aborted) return;
        const buffer = Buffer.from(chunk.text, "utf8");
        hash.update(buffer);
        bytes += buffer.length;
        records += chunk.records;
        if (!entry.write(buffer)) await once(entry, "drain", { signal: stop.signal });
      }
      entry.end();
      listed.push({ name: file.name, description: file.description, records, bytes, sha256: hash.digest("hex") });
    }
    archive.append(JSON.stringify({ ...manifest, files: listed }, null, 2) + "\n", { name: "manifest.json", date });
    await archive.finalize();
  }

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // Once the stream is closed, errored or cancelled, archiver may still flush a last chunk: dropped.
        const fail = (error: unknown) => {
          if (stop.signal.aborted) return;
          stop.abort();
          archive.abort();
          controller.error(error);
        };
        archive.on("data", (chunk: Buffer) => {
          if (stop.signal.aborted) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) archive.pause();
        });
        archive.on("end", () => {
          if (stop.signal.aborted) return;
          stop.abort();
          controller.close();
        });
        archive.on("error", fail);
        fill().catch((error: unknown) => {
          if (stop.signal.aborted) return;
          // Headers are gone already: the client sees a broken download, the log says why.
          log.error({ err: error, archive: manifest.archive }, "records archive failed while streaming");
          fail(error);
        });
      },
      pull() {
        archive.resume();
      },
      cancel() {
        stop.abort();
        archive.abort();
      },
    },
    { highWaterMark: QUEUED_CHUNKS },
  );
}
