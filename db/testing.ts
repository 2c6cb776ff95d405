import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { installDbHandle, openPglite, openPostgres, type Db, type DbHandle } from "./index";
import { migrateHandle, migratePostgres } from "./migrate";

/**
 * Gives the calling test file a fresh, migrated database of its own: PGlite in
 * memory by default, or a new database on the PostgreSQL server that
 * DATABASE_URL names, dropped again when the file is done.
 */
export function useTestDatabase() {
  let handle: DbHandle | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const serverUrl = process.env.DATABASE_URL;
    if (serverUrl) {
      const created = await createScratchDatabase(serverUrl);
      dropDatabase = created.drop;
      await migratePostgres(created.url);
      handle = await openPostgres(created.url, { max: 20 });
    } else {
      handle = await openPglite();
      await migrateHandle(handle);
    }
    installDbHandle(handle);
  });

  afterAll(async () => {
    installDbHandle(undefined);
    await handle?.close();
    await dropDatabase?.();
  });

  return {
    get db(): Db {
      if (!handle) throw new Error("useTestDatabase: the database is opened in beforeAll");
      return handle.db;
    },
    get driver() {
      return handle?.driver;
    },
  };
}

export async function createScratchDatabase(serverUrl: string) {
  const name = `convene_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
