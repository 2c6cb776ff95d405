/**
 * A fresh, migrated database for one bench run: a scratch database on the server
 * DATABASE_URL names, or a PGlite directory under the OS temp folder.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openPglite, openPostgres, type DbHandle } from "@/db";
import { migrateHandle, migratePostgres } from "@/db/migrate";
import { createScratchDatabase } from "@/db/scratch";

export type FreshDb = {
  handle: DbHandle;
  /** Environment for a server process that should use this database. */
  env: Record<string, string>;
  /** Releases this process's connection (PGlite: the directory lock) so a server can open it. */
  release: () => Promise<void>;
  reopen: () => Promise<DbHandle>;
  drop: () => Promise<void>;
};

export async function createFreshDb(label: string): Promise<FreshDb> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const scratch = await createScratchDatabase(serverUrl);
    await migratePostgres(scratch.url);
    const state = { handle: await openPostgres(scratch.url, { max: 10 }) };
    return {
      get handle() {
        return state.handle;
      },
      env: { DATABASE_URL: scratch.url },
      // PostgreSQL takes many clients: the bench keeps its connection while the server runs.
      release: async () => {},
      reopen: async () => state.handle,
      drop: async () => {
        await state.handle.close();
        await scratch.drop();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `convene-bench-${label}-`));
  const pgliteDir = path.join(dataDir, "pglite");
  const state = { handle: await openPglite(pgliteDir), open: true };
  await migrateHandle(state.handle);
  return {
    get handle() {
      return state.handle;
    },
    env: { DATA_DIR: dataDir },
    release: async () => {
      if (state.open) await state.handle.close();
      state.open = false;
    },
    reopen: async () => {
      if (!state.open) state.handle = await openPglite(pgliteDir);
      state.open = true;
      return state.handle;
    },
    drop: async () => {
      if (state.open) await state.handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
