import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { TextInput } from "@/components/forms";
import { DataTable } from "@/components/data-table";
import { Pagination } from "@/components/pagination";
import { CaptionsStatus } from "@/components/captions-status";
import { ResourceTypeTag } from "@/components/resource-type-tag";
import { requireRolePage } from "@/lib/auth/guards";
import { captionsState, needsCaptions } from "@/lib/resources/captions-state";
import { formatAddedDate, formatFileSize } from "@/lib/resources/format";
import { listResourcesForOrganizer, MAX_MANAGE_RESOURCES_PAGE } from "@/lib/resources/organizer";
import { firstParam } from "@/lib/search-params";

export const metadata: Metadata = { title: "Manage resources" };

const querySchema = z.object({
  page: z.coerce.number().int().min(1).max(MAX_MANAGE_RESOURCES_PAGE).catch(1),
  q: z.string().trim().max(100).optional().catch(undefined),
  done: z.enum(["added", "updated", "removed"]).optional().catch(undefined),
});

const doneMessages = {
  added: "The resource was added. Members can find it in the library now.",
  updated: "Your changes were saved.",
  removed: "The resource was removed, along with its file.",
} as const;

export default async function ManageResourcesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireRolePage("/manage/resources", ["organizer", "admin"]);
  const raw = await searchParams;
  const query = querySchema.parse(Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, firstParam(value)])));
  const list = await listResourcesForOrganizer(viewer, { page: query.page, query: query.q || undefined });
  const caption = query.q ? `Resources matching “${query.q}”` : "All resources";

  return (
    <div className="grid-container usa-section">
      <div className="display-flex flex-justify flex-align-center flex-wrap">
        <h1 className="margin-y-0">Manage resources</h1>
        <div>
          <Link href="/manage/resources/new?kind=link" className="usa-button margin-y-2">
            Add a link
          </Link>
          <Link href="/manage/resources/new?kind=file" className="usa-button usa-button--outline margin-y-2">
            Upload a file
          </Link>
        </div>
      </div>

      {query.done ? (
        <div className="usa-alert usa-alert--success usa-alert--slim margin-bottom-2" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{doneMessages[query.done]}</p>
          </div>
        </div>
      ) : null}

      <form
        method="get"
        action="/manage/resources"
        className="usa-form display-flex flex-align-end flex-wrap margin-bottom-2"
        role="search"
        aria-label="Search resources"
      >
        <TextInput
          id="manage-q"
          name="q"
          type="search"
          label="Search titles and descriptions"
          optional="unmarked"
          maxLength={100}
          defaultValue={query.q}
          groupClassName="margin-right-2"
        />
        <button type="submit" className="usa-button usa-button--outline margin-top-2">
          Search
        </button>
      </form>

      {list.items.length === 0 ? (
        <p>{query.q ? "No resources match this search." : "No resources yet."}</p>
      ) : (
        <DataTable
          stacked
          label={caption}
          caption={`${caption} (${list.total.toLocaleString("en-US")})`}
          columns={["Title", "Type", "Event", "Added", { label: "Actions", hidden: true }]}
        >
          {list.items.map((resource) => (
            <tr key={resource.id}>
              <th scope="row">
                <Link href={`/manage/resources/${resource.id}/edit`} className="usa-link">
                  {resource.title}
                </Link>
                <span className="display-block font-body-3xs text-base-dark">
                  {resource.kind === "file"
                    ? `File: ${resource.fileName ?? "unnamed"}${resource.sizeBytes === null ? "" : ` (${formatFileSize(resource.sizeBytes)})`}`
                    : "Link"}
                </span>
                <CaptionsStatus state={captionsState(resource)} slim />
              </th>
              <td>
                <ResourceTypeTag type={resource.type} />
              </td>
              <td>{resource.eventTitle ?? "None"}</td>
              <td>
                <time dateTime={resource.createdAt.toISOString()}>{formatAddedDate(resource.createdAt)}</time>
              </td>
              <td>
                {needsCaptions(resource) ? (
                  <Link href={`/manage/resources/${resource.id}/captions`} className="usa-link display-block">
                    Captions<span className="usa-sr-only"> and transcript of {resource.title}</span>
                  </Link>
                ) : null}
                <Link href={`/manage/resources/${resource.id}/remove`} className="usa-link">
                  Remove<span className="usa-sr-only"> {resource.title}</span>
                </Link>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} label="Resource pages" path="/manage/resources" filters={{ q: query.q }} />
    </div>
  );
}
