import { z } from "zod";
import { ManageResourcesLink } from "@/components/manage-resources-link";
import { Pagination } from "@/components/pagination";
import { ResourceAccessNotice } from "@/components/resource-access-notice";
import { ResourceFilterForm } from "@/components/resource-filter-form";
import { ResourceList } from "@/components/resource-list";
import { listLibraryResources, listResourceTopics, MAX_RESOURCES_PAGE } from "@/lib/resources/library";
import { RESOURCE_TYPES } from "@/lib/resources/resource-types";
import { firstParam } from "@/lib/search-params";
import type { Viewer } from "@/lib/viewer";
import { PersonalLibraryList, PersonalLibraryNotice } from "./personal-library";

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

export type ResourcesQuery = z.infer<typeof querySchema>;

export function parseResourcesQuery(raw: Record<string, string | string[] | undefined>): ResourcesQuery {
  return querySchema.parse(Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, firstParam(value)])));
}

/**
 * The library. With a viewer known on the server, what they may open is drawn here; `"personal"`:
 * the cached page signed-in members get (app/signed-in), drawn as a visitor sees it, with the
 * member's links and descriptions from /api/me.
 */
export async function ResourcesContent({ query, viewer }: { query: ResourcesQuery; viewer: Viewer | null | "personal" }) {
  const personal = viewer === "personal";
  const reader = personal ? null : viewer;
  const [list, topics] = await Promise.all([
    listLibraryResources({ viewer: reader, page: query.page, filters: { query: query.q || undefined, topic: query.topic, type: query.type } }),
    listResourceTopics(),
  ]);
  const filtering = Boolean(query.q || query.topic || query.type);
  const filters = { q: query.q, topic: query.topic, type: query.type };

  return (
    <div className="grid-container usa-section">
      <h1>Resources</h1>
      <p className="usa-intro">Slides, recordings, toolkits, guides and templates shared by the community and its events.</p>
      {personal ? (
        <PersonalLibraryNotice returnTo="/resources" />
      ) : (
        <>
          {reader?.hasJoined && (reader.role === "organizer" || reader.role === "admin") ? <ManageResourcesLink /> : null}
          {list.canOpen ? null : <ResourceAccessNotice signedIn={Boolean(reader)} returnTo="/resources" />}
        </>
      )}
      <ResourceFilterForm values={query} topics={topics} />
      <p className="margin-top-3" role="status">
        {list.total === 0
          ? filtering
            ? "No resources match this search."
            : "No resources have been shared yet."
          : `${list.total.toLocaleString("en-US")} ${list.total === 1 ? "resource" : "resources"}${filtering ? " match" : ""}`}
      </p>
      {list.items.length === 0 ? null : personal ? (
        <PersonalLibraryList fallback={list.items} label="Resources" />
      ) : (
        <ResourceList items={list.items} label="Resources" />
      )}
      <Pagination page={list.page} pageCount={list.pageCount} label="Resource pages" path="/resources" filters={filters} />
    </div>
  );
}
