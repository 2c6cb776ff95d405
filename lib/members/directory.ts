import "server-only";
import { and, asc, count, eq, ilike, isNotNull, isNull, or } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { assertMember } from "@/lib/auth/assert";
import type { GovernmentLevel } from "@/lib/members/government-levels";
import type { Viewer } from "@/lib/viewer";
import { clampPage, containsPattern, normalizeSearch } from "./search-pattern";

export const DIRECTORY_PAGE_SIZE = 24;
export const MAX_DIRECTORY_PAGE = 500;

/** Only what a person agreed to show by opting in: no email, no id. Organization and level come from the .gov registry. */
export type DirectoryEntry = {
  name: string | null;
  agency: string | null;
  jobTitle: string | null;
  organization: string | null;
  governmentLevel: GovernmentLevel | null;
};

export type DirectoryPage = { entries: DirectoryEntry[]; total: number; page: number; pageCount: number };

/** The member directory: joined, enabled members who chose to be listed, searchable by name or agency. */
export async function searchDirectory(viewer: Viewer | null, { query, page }: { query?: string | null; page: number }): Promise<DirectoryPage> {
  assertMember(viewer);
  const db = await getDb();
  const search = normalizeSearch(query);
  const pattern = search ? containsPattern(search) : null;
  const where = and(
    isNotNull(users.guidelinesAcceptedAt),
    isNull(users.disabledAt),
    eq(users.directoryOptIn, true),
    pattern ? or(ilike(users.name, pattern), ilike(users.agency, pattern), ilike(users.organization, pattern)) : undefined,
  );
  const safePage = clampPage(page, MAX_DIRECTORY_PAGE);
  const [entries, [totals]] = await Promise.all([
    db
      .select({ name: users.name, agency: users.agency, jobTitle: users.jobTitle, organization: users.organization, governmentLevel: users.governmentLevel })
      .from(users)
      .where(where)
      // The id breaks ties between namesakes so pages neither repeat nor skip anyone.
      .orderBy(asc(users.name), asc(users.id))
      .limit(DIRECTORY_PAGE_SIZE)
      .offset((safePage - 1) * DIRECTORY_PAGE_SIZE),
    db.select({ total: count() }).from(users).where(where),
  ]);
  const total = totals?.total ?? 0;
  return { entries, total, page: safePage, pageCount: Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE)) };
}
