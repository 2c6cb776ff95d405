import fs from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { databaseLocation } from "./location";
import * as schema from "./schema";

export type Schema = typeof schema;
/** What both drivers have in common; the rest of the code cannot tell them apart. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type DbHandle = {
  db: Db;
  driver: "pglite" | "postgres";
  close: () => Promise<void>;
};

// Kept on globalThis so hot reloads and route bundles in one process share one
// connection (and, for PGlite, one instance: two would corrupt its directory).
const holder = globalThis as typeof globalThis & { __conveneDb?: Promise<DbHandle> };

export function getDb(): Promise<Db> {
  return getDbHandle().then((handle) => handle.db);
}

export function getDbHandle(): Promise<DbHandle> {
  holder.__conveneDb ??= openDatabase().catch((error: unknown) => {
    holder.__conveneDb = undefined;
    throw error;
  });
  return holder.__conveneDb;
}

/** Lets tests and scripts run against a database they made themselves. */
export function installDbHandle(handle: DbHandle | undefined) {
  holder.__conveneDb = handle ? Promise.resolve(handle) : undefined;
}

export async function closeDb() {
  const pending = holder.__conveneDb;
  holder.__conveneDb = undefined;
  if (pending) await (await pending).close();
}

async function openDatabase(): Promise<DbHandle> {
  const where = databaseLocation();
  if (where.DATABASE_URL) return openPostgres(where.DATABASE_URL);
  return openPglite(path.resolve(where.DATA_DIR, "pglite"));
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<DbHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  return {
    db: drizzle(client, { schema }) as unknown as Db,
    driver: "postgres",
    close: () => client.end({ timeout: 5 }),
  };
}

/** `dataDir` undefined opens an in-memory database (tests). */
export async function openPglite(dataDir?: string): Promise<DbHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const releaseLock = dataDir ? acquireDirectoryLock(dataDir) : () => {};
  try {
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
    const client = await PGlite.create(dataDir ? { dataDir } : {});
    return {
      db: drizzle(client, { schema }) as unknown as Db,
      driver: "pglite",
      close: async () => {
        await client.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

export class DatabaseInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`The embedded database at ${dataDir} is in use by process ${pid}. ` + "Stop that process first, or set DATABASE_URL to use PostgreSQL.");
    this.name = "DatabaseInUseError";
  }
}

/**
 * PGlite has no lock of its own and corrupts a directory that two processes open,
 * so a lock file holding the owner's pid guards it. A lock left by a dead process is taken over.
 */
export function acquireDirectoryLock(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      const release = () => {
        process.off("exit", release);
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseInUseError(dataDir, owner);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${lockPath}`);
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
