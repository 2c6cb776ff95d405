import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Pagination } from "@/components/pagination";
import { ResourceAccessNotice } from "@/components/resource-access-notice";
import { ResourceFilterForm } from "@/components/resource-filter-form";
import { ResourceList } from "@/components/resource-list";
import { getViewer } from "@/lib/auth/viewer";
import { listLibraryResources, listResourceTopics, MAX_RESOURCES_PAGE } from "@/lib/resources/library";
import { RESOURCE_TYPES } from "@/lib/resources/resource-types";
import { firstParam } from "@/lib/search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Resources" };

// Unknown or malformed values fall back to "no filter" instead of failing the page.
const querySchema = z.object({
  page: z.coerce.number().int().min(1).max(MAX_RESOURCES_PAGE).catch(1),
  q: z.string().trim().max(100).optional().catch(undefined),
  topic: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional()
    .catch(undefined),
  type: z.enum(RESOURCE_TYPES).optional().catch(undefined),
});

type Search = Record<string, string | string[] | undefined>;

export default async function ResourcesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = await searchParams;
  const query = querySchema.parse(Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, firstParam(value)])));
  const viewer = await getViewer();
  const [list, topics] = await Promise.all([
    listLibraryResources({ viewer, page: query.page, filters: { query: query.q || undefined, topic: query.topic, type: query.type } }),
    listResourceTopics(),
  ]);
  const filtering = Boolean(query.q || query.topic || query.type);
  const filters = { q: query.q, topic: query.topic, type: query.type };

  return (
    <div className="grid-container usa-section">
      <h1>Resources</h1>
      <p className="usa-intro">Slides, recordings, toolkits, guides and templates shared by the community and its events.</p>
      {viewer?.hasJoined && (viewer.role === "organizer" || viewer.role === "admin") ? (
        <p>
          <Link href="/manage/resources" className="usa-link">
            Add, edit or remove resources
          </Link>
        </p>
      ) : null}
      {list.canOpen ? null : <ResourceAccessNotice signedIn={Boolean(viewer)} returnTo="/resources" />}
      <ResourceFilterForm values={query} topics={topics} />
      <p className="margin-top-3" role="status">
        {list.total === 0
          ? filtering
            ? "No resources match this search."
            : "No resources have been shared yet."
          : `${list.total.toLocaleString("en-US")} ${list.total === 1 ? "resource" : "resources"}${filtering ? " match" : ""}`}
      </p>
      {list.items.length > 0 ? <ResourceList items={list.items} label="Resources" /> : null}
      <Pagination page={list.page} pageCount={list.pageCount} label="Resource pages" path="/resources" filters={filters} />
    </div>
  );
}
