import type { Metadata } from "next";
import Link from "next/link";
import { MemberOrganization } from "@/components/member-organization";
import { z } from "zod";
import { SearchBox } from "@/components/forms";
import { DataTable } from "@/components/data-table";
import { Pagination } from "@/components/pagination";
import { requireMemberPage } from "@/lib/auth/guards";
import { MAX_DIRECTORY_PAGE, searchDirectory } from "@/lib/members/directory";
import { MAX_SEARCH_LENGTH } from "@/lib/members/search-pattern";
import { firstParam } from "@/lib/search-params";

export const metadata: Metadata = { title: "Member directory" };

const querySchema = z.object({
  q: z
    .string()
    .catch("")
    .transform((value) => value.trim().slice(0, MAX_SEARCH_LENGTH)),
  page: z.coerce.number().int().min(1).max(MAX_DIRECTORY_PAGE).catch(1),
});

export default async function MembersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireMemberPage("/members");
  const raw = await searchParams;
  const query = querySchema.parse({ q: firstParam(raw.q) ?? "", page: firstParam(raw.page) ?? 1 });
  const directory = await searchDirectory(viewer, { query: query.q, page: query.page });

  const caption = query.q ? `Listed members matching “${query.q}”` : "Listed members";

  return (
    <div className="grid-container usa-section">
      <h1>Member directory</h1>
      <p className="usa-intro">Find colleagues across government who chose to be listed.</p>
      <p>
        To add, change or remove your own listing, go to{" "}
        <Link href="/account" className="usa-link">
          your account
        </Link>
        .
      </p>

      <SearchBox id="directory-search" action="/members" label="Search the directory by name or agency" defaultValue={query.q} maxLength={MAX_SEARCH_LENGTH} />

      {directory.entries.length === 0 ? (
        <p>{query.q ? `No listed members match “${query.q}”. Try part of a name or an agency.` : "No members have chosen to be listed yet."}</p>
      ) : (
        <DataTable
          stacked
          label={caption}
          caption={`${caption} (${directory.total}), page ${directory.page} of ${directory.pageCount}`}
          columns={["Name", "Agency", "Job title", "Organization"]}
        >
          {directory.entries.map((entry, index) => (
            // No id leaves the server for the directory; the order is fixed for a render, so the index is a stable key.
            <tr key={index}>
              <th scope="row">{entry.name}</th>
              <td>{entry.agency}</td>
              <td>{entry.jobTitle}</td>
              <td>
                <MemberOrganization organization={entry.organization} level={entry.governmentLevel} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <Pagination page={directory.page} pageCount={directory.pageCount} label="Member directory pages" path="/members" filters={{ q: query.q }} />
    </div>
  );
}
