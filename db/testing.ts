import { afterAll, beforeAll } from "vitest";
import { installDbHandle, openPglite, openPostgres, type Db, type DbHandle } from "./index";
import { migrateHandle, migratePostgres } from "./migrate";
import { createScratchDatabase } from "./scratch";
import { allowDemoDomains } from "./demo-domains";

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
    // registry: the test address domain (agency.gov) joins as the demo's admin-allowed domain.
    await allowDemoDomains(handle.db);
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
