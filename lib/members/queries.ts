import "server-only";
import { and, count, isNotNull, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";

/** Members are people who finished joining and are not disabled. */
export async function countMembers(): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ total: count() })
    .from(users)
    .where(and(isNotNull(users.guidelinesAcceptedAt), isNull(users.disabledAt)));
  return row?.total ?? 0;
}
