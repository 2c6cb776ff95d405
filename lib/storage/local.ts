import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { assertRangeInside, assertStorageKey } from "./keys";
import type { ByteRange, FileStorage } from "./types";

function isMissing(error: unknown) {
  return (error as NodeJS.ErrnoException).code === "ENOENT";
}

/** Files in one directory, one per key. Fine for one machine or a shared volume. */
export function createLocalStorage(dir: string): FileStorage {
  const pathOf = (key: string) => {
    assertStorageKey(key);
    return path.join(dir, key);
  };

  return {
    async put(key, stream: Readable) {
      const target = pathOf(key);
      await fs.mkdir(dir, { recursive: true });
      // Written under another name and renamed when complete, so a reader never sees half a file.
      const partial = path.join(dir, `.${key}.${randomUUID()}.part`);
      try {
        await pipeline(stream, createWriteStream(partial, { flags: "wx", mode: 0o600 }));
        await fs.rename(partial, target);
      } catch (error) {
        await fs.rm(partial, { force: true });
        throw error;
      }
      return { size: (await fs.stat(target)).size };
    },

    async get(key, range?: ByteRange) {
      let handle: fs.FileHandle;
      try {
        handle = await fs.open(pathOf(key), "r");
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      try {
        const { size } = await handle.stat();
        if (range) assertRangeInside(range, size);
        // Reading from the open handle keeps working even if the file is removed meanwhile.
        const stream = handle.createReadStream(range ? { start: range.start, end: range.end } : {});
        return { stream, size };
      } catch (error) {
        await handle.close();
        throw error;
      }
    },

    async remove(key) {
      await fs.rm(pathOf(key), { force: true });
    },

    async stat(key) {
      try {
        const stats = await fs.stat(pathOf(key));
        return stats.isFile() ? { size: stats.size } : null;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
  };
}
