import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { streamArchive, type Manifest } from "./archive";
import { readStream, sha256, unzip } from "./test-zip";

const manifest: Omit<Manifest, "files"> = {
  archive: "test.zip",
  kind: "event-records",
  createdAt: "2030-01-01T00:00:00.000Z",
  createdBy: { id: "admin", email: "admin@gsa.gov" },
  scope: {},
  asOf: "2030-01-01T00:00:00.000Z",
  auditId: 1,
  notes: [],
};

/** A file of `pages` pages of 1 KiB of random hex (which compresses to about half), counting the pages read. */
function countedFile(name: string, pages: number) {
  const counter = { read: 0 };
  return {
    counter,
    file: {
      name,
      description: "random rows",
      produce: async function* () {
        for (let page = 0; page < pages; page++) {
          counter.read++;
          yield { text: randomBytes(512).toString("hex") + "\n", records: 1 };
        }
      },
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe("the streamed archive", () => {
  it("sends its first bytes long before its rows are all read, and reads no further than the reader takes", async () => {
    const pages = 20_000; // 20 MiB of rows
    const { counter, file } = countedFile("big.csv", pages);
    const stream = streamArchive({ files: [file], manifest });
    const reader = stream.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // The zip's local file header comes first.
    expect(Buffer.from(first.value!).subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    // Let the pipeline fill (zlib works on a thread of its own) until it stops asking for more.
    let readWhileIdle = -1;
    for (let tries = 0; tries < 25 && counter.read !== readWhileIdle; tries++) {
      readWhileIdle = counter.read;
      await settle();
    }
    // Nobody is reading, so nothing more is read from the source: the pipeline holds a bounded amount.
    expect(counter.read).toBe(readWhileIdle);
    // Measured: about 0.6 MiB of the 20 (the entry's PassThrough, zlib, archiver's 64 KiB each side, the web
    // stream's queue); with archiver's default 1 MiB buffers it was 4 MiB. Nothing past that is read.
    expect(readWhileIdle).toBeLessThan(pages / 20);
    await reader.cancel();
  });

  it("holds a bounded amount of memory while a large archive streams through", async () => {
    const pages = 30_000; // 30 MiB of rows
    const { counter, file } = countedFile("big.csv", pages);
    const reader = streamArchive({ files: [file], manifest }).getReader();
    const before = process.memoryUsage();
    let peak = 0;
    let bytes = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (counter.read % 1000 === 0) {
        const now = process.memoryUsage();
        peak = Math.max(peak, now.heapUsed + now.arrayBuffers - before.heapUsed - before.arrayBuffers);
      }
    }
    expect(counter.read).toBe(pages);
    expect(bytes).toBeGreaterThan(pages * 400);
    // 30 MiB went through; what stayed in memory at any sample is a small fraction of it (garbage included).
    expect(peak).toBeLessThan(24 * 1024 * 1024);
  });

  it("lists each file in manifest.json, last, with its record count, size and SHA-256", async () => {
    const { file: a } = countedFile("a.csv", 3);
    const { file: b } = countedFile("b.csv", 0);
    const files = await unzip(await readStream(streamArchive({ files: [a, b], manifest })));
    expect([...files.keys()]).toEqual(["a.csv", "b.csv", "manifest.json"]);
    const listed = JSON.parse(files.get("manifest.json")!.toString("utf8")) as Manifest;
    expect(listed.files).toEqual([
      { name: "a.csv", description: "random rows", records: 3, bytes: files.get("a.csv")!.length, sha256: sha256(files.get("a.csv")!) },
      { name: "b.csv", description: "random rows", records: 0, bytes: 0, sha256: sha256(Buffer.alloc(0)) },
    ]);
  });

  it("breaks the download when a file fails part way, rather than ending a zip that looks whole", async () => {
    const failing = {
      name: "broken.csv",
      description: "fails",
      produce: async function* () {
        yield { text: "one\n", records: 1 };
        throw new Error("database went away");
      },
    };
    await expect(readStream(streamArchive({ files: [failing], manifest }))).rejects.toThrow("database went away");
  });
});
