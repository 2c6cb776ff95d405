import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { createLocalStorage } from "./local";

const dir = mkdtempSync(path.join(tmpdir(), "convene-storage-"));
const storage = createLocalStorage(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const content = Buffer.from("0123456789abcdefghij");

describe("local directory storage", () => {
  it("stores a stream and reads it back whole", async () => {
    expect(await storage.put("obj-1", Readable.from([content.subarray(0, 7), content.subarray(7)]))).toEqual({ size: 20 });
    const got = await storage.get("obj-1");
    expect(got?.size).toBe(20);
    expect(await read(got!.stream)).toEqual(content);
    expect(await storage.stat("obj-1")).toEqual({ size: 20 });
  });

  it("reads an inclusive byte range and reports the whole size", async () => {
    await storage.put("obj-2", Readable.from([content]));
    const got = await storage.get("obj-2", { start: 5, end: 9 });
    expect(got?.size).toBe(20);
    expect((await read(got!.stream)).toString()).toBe("56789");
    expect((await read((await storage.get("obj-2", { start: 19, end: 19 }))!.stream)).toString()).toBe("j");
  });

  it("refuses a range outside the object", async () => {
    await storage.put("obj-3", Readable.from([content]));
    await expect(storage.get("obj-3", { start: 10, end: 20 })).rejects.toThrow(RangeError);
    await expect(storage.get("obj-3", { start: 5, end: 4 })).rejects.toThrow(RangeError);
  });

  it("removes objects, and removing a missing one is fine", async () => {
    await storage.put("obj-4", Readable.from([content]));
    await storage.remove("obj-4");
    expect(await storage.get("obj-4")).toBeNull();
    expect(await storage.stat("obj-4")).toBeNull();
    await expect(storage.remove("obj-4")).resolves.toBeUndefined();
  });

  it("answers null for objects that were never stored", async () => {
    expect(await storage.get("never-stored")).toBeNull();
    expect(await storage.stat("never-stored")).toBeNull();
  });

  it("leaves nothing behind when the stream fails part way", async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1024, 1));
        this.destroy(new Error("connection reset"));
      },
    });
    await expect(storage.put("obj-5", failing)).rejects.toThrow("connection reset");
    expect(await storage.stat("obj-5")).toBeNull();
    expect(readdirSync(dir).filter((name) => name.includes("obj-5"))).toEqual([]);
  });

  it("refuses keys that could name another file", async () => {
    for (const key of ["../escape", "a/b", ".hidden", "", "a\\b", "x".repeat(200)]) {
      await expect(storage.put(key, Readable.from([content]))).rejects.toThrow("Invalid storage key");
      await expect(storage.get(key)).rejects.toThrow("Invalid storage key");
    }
  });
});
