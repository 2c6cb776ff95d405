import path from "node:path";
import { sql } from "drizzle-orm";
import { getDbHandle, openPostgres, type DbHandle } from "./index";
import { databaseLocation } from "./location";

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

// Any fixed number works; it only has to be the same for every instance.
const MIGRATION_LOCK_KEY = 7_420_001;

/** Applies the committed SQL migrations to the database this process uses. */
export async function runMigrations() {
  const url = databaseLocation().DATABASE_URL;
  if (url) await migratePostgres(url);
  else await migrateHandle(await getDbHandle());
}

export async function migrateHandle(handle: DbHandle) {
  if (handle.driver === "postgres") throw new Error("Use migratePostgres for PostgreSQL");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  await migrate(handle.db as never, { migrationsFolder });
}

/**
 * Instances that start together take turns: a session advisory lock on a
 * one-connection client, so the lock and the migration share a connection.
 */
export async function migratePostgres(url: string) {
  const handle = await openPostgres(url, { max: 1 });
  try {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await handle.db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migrate(handle.db as never, { migrationsFolder });
    } finally {
      await handle.db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  } finally {
    await handle.close();
  }
}
