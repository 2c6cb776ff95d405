import "server-only";
import { and, arrayContains, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { rowsOf } from "@/db/rows";
import { events, resources } from "@/db/schema";
import { cacheTags, SHARED_CACHE_SECONDS, sharedCache } from "@/lib/cache/shared-cache";
import { assertSearchText } from "@/lib/search/control-characters";
import type { Viewer } from "@/lib/viewer";
import type { ResourceType } from "./resource-types";

export const RESOURCES_PAGE_SIZE = 20;
export const MAX_RESOURCES_PAGE = 500;

export type LibraryFilters = { query?: string; topic?: string; type?: ResourceType };

/** What everyone may know: that a resource exists, what it is about. */
type PublicPart = {
  id: string;
  title: string;
  type: ResourceType;
  kind: "link" | "file";
  topics: string[];
  createdAt: Date;
};

/** What only members get: where it is and what it says. */
type MemberPart = {
  description: string;
  href: string;
  fileName: string | null;
  sizeBytes: number | null;
  event: { slug: string; title: string } | null;
};

export type LibraryResource = PublicPart & (({ forMembers: true } & MemberPart) | { forMembers: false });

export type LibraryPage = { items: LibraryResource[]; total: number; page: number; pageCount: number; canOpen: boolean };

/**
 * The resource library, newest first. Members get links, files and the events they
 * came from; everyone else gets titles, types and topics, and the URLs never leave
 * the server for them.
 */
export async function listLibraryResources({
  viewer,
  page = 1,
  filters = {},
}: {
  viewer: Viewer | null;
  page?: number;
  filters?: LibraryFilters;
}): Promise<LibraryPage> {
  assertSearchText(filters.query);
  assertSearchText(filters.topic);
  const safePage = Math.min(Math.max(1, Math.trunc(page) || 1), MAX_RESOURCES_PAGE);
  const plain = !filters.query?.trim() && !filters.topic && !filters.type;
  const canOpen = Boolean(viewer?.hasJoined);
  // Only the first plain pages are cached: searches are visitors' choice, and each key is an entry on disk.
  // Someone who may not read descriptions may not search them either: a match would tell them what one says.
  const { rows, total } =
    plain && safePage <= CACHED_LIBRARY_PAGES ? await cachedLibraryRows(safePage, {}) : await readLibraryRows(safePage, { ...filters, titlesOnly: !canOpen });
  const items = rows.map((row): LibraryResource => {
    const base: PublicPart = { id: row.id, title: row.title, type: row.type, kind: row.kind, topics: row.topics, createdAt: row.createdAt };
    if (!canOpen) return { ...base, forMembers: false };
    return {
      ...base,
      forMembers: true,
      description: row.description,
      href: row.kind === "link" && row.url ? row.url : `/resources/${row.id}/download`,
      fileName: row.fileName,
      sizeBytes: row.sizeBytes,
      event: row.eventSlug && row.eventTitle ? { slug: row.eventSlug, title: row.eventTitle } : null,
    };
  });
  return { items, total, page: safePage, pageCount: Math.max(1, Math.ceil(total / RESOURCES_PAGE_SIZE)), canOpen };
}

// The rows are the same for everyone (members and visitors differ only in what is shown of them),
// so they are cached once; event titles appear in them, so event changes expire them too.
const CACHED_LIBRARY_PAGES = 5;

/** `titlesOnly` searches what everyone may read; the expression is the one resources_title_search_idx indexes. */
async function readLibraryRows(safePage: number, filters: LibraryFilters & { titlesOnly?: boolean }) {
  const db = await getDb();
  const words = filters.query?.trim();
  const searched = filters.titlesOnly ? sql`to_tsvector('english', ${resources.title})` : sql`${resources.search}`;
  const where = and(
    // captions: a recording without captions and a transcript is a draft, listed only on the organizers' pages.
    eq(resources.draft, false),
    words ? sql`${searched} @@ websearch_to_tsquery('english', ${words})` : undefined,
    filters.topic ? arrayContains(resources.topics, [filters.topic]) : undefined,
    filters.type ? eq(resources.type, filters.type) : undefined,
  );
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: resources.id,
        title: resources.title,
        type: resources.type,
        kind: resources.kind,
        topics: resources.topics,
        createdAt: resources.createdAt,
        description: resources.description,
        url: resources.url,
        fileName: resources.fileName,
        sizeBytes: resources.sizeBytes,
        eventSlug: events.slug,
        eventTitle: events.title,
      })
      .from(resources)
      // Only events that have a public page; a draft's resources show without it.
      .leftJoin(events, and(eq(events.id, resources.eventId), inArray(events.status, ["published", "cancelled"])))
      .where(where)
      .orderBy(desc(resources.createdAt), asc(resources.id))
      .limit(RESOURCES_PAGE_SIZE)
      .offset((safePage - 1) * RESOURCES_PAGE_SIZE),
    db.select({ total: count() }).from(resources).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

const cachedLibraryRows = sharedCache(readLibraryRows, "resources:library", {
  tags: () => [cacheTags.resources, cacheTags.events],
  revalidate: SHARED_CACHE_SECONDS,
});

/** Topics in use, for the filter; a short controlled vocabulary, so bounded and cheap. */
export const listResourceTopics = sharedCache(readResourceTopics, "resources:topics", { tags: () => [cacheTags.resources], revalidate: SHARED_CACHE_SECONDS });

async function readResourceTopics(): Promise<string[]> {
  const db = await getDb();
  const result = await db.execute(sql`select distinct unnest(${resources.topics}) as topic from ${resources} order by 1 limit 100`);
  return rowsOf<{ topic: string }>(result).map((row) => row.topic);
}
