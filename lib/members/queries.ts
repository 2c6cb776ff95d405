import "server-only";
import { and, count, isNotNull, isNull } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { cacheTags, SHARED_CACHE_SECONDS, sharedCache } from "@/lib/cache/shared-cache";

/** Members are people who finished joining and are not disabled. Counting 100,000 rows per home page view would not scale. */
export const countMembers = sharedCache(readMemberCount, "members:count", { tags: () => [cacheTags.members], revalidate: SHARED_CACHE_SECONDS });

async function readMemberCount(): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ total: count() })
    .from(users)
    .where(and(isNotNull(users.guidelinesAcceptedAt), isNull(users.disabledAt)));
  return row?.total ?? 0;
}
