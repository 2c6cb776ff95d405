import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { notifications, outbox } from "@/db/schema";

// Tokens are signed with AUTH_SECRET; tests must not write a development secret into .data/.
process.env.AUTH_SECRET ??= "test-secret-for-notifications-0123456789";

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export async function mailTo(db: Db, email: string) {
  return db.select().from(outbox).where(eq(outbox.to, email)).orderBy(asc(outbox.id));
}

export async function mailKindsTo(db: Db, email: string) {
  return (await mailTo(db, email)).map((row) => row.kind);
}

export async function notificationsOf(db: Db, userId: string) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(asc(notifications.dueAt), asc(notifications.id));
}
