import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";

const HEALTH_TIMEOUT_MS = 3000;

/** True when the database answers a trivial query within a few seconds; never throws. */
export async function checkDatabase(): Promise<boolean> {
  try {
    const db = await getDb();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("database health check timed out")), HEALTH_TIMEOUT_MS);
    });
    try {
      await Promise.race([db.execute(sql`select 1`), timeout]);
    } finally {
      clearTimeout(timer);
    }
    return true;
  } catch (error) {
    console.error("Health check failed:", error instanceof Error ? error.message : error);
    return false;
  }
}
