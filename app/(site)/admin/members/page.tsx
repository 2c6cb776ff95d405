import type { Metadata } from "next";
import Link from "next/link";
import { MemberOrganization } from "@/components/member-organization";
import { z } from "zod";
import { SearchBox } from "@/components/forms";
import { DataTable } from "@/components/data-table";
import { Pagination } from "@/components/pagination";
import { requireRolePage } from "@/lib/auth/guards";
import { listMembersForAdmin, MAX_ADMIN_MEMBERS_PAGE } from "@/lib/members/admin";
import { MAX_SEARCH_LENGTH } from "@/lib/members/search-pattern";
import { MemberActions } from "./member-actions";
import { firstParam } from "@/lib/search-params";

export const metadata: Metadata = { title: "Manage members" };

const querySchema = z.object({
  q: z
    .string()
    .catch("")
    .transform((value) => value.trim().slice(0, MAX_SEARCH_LENGTH)),
  page: z.coerce.number().int().min(1).max(MAX_ADMIN_MEMBERS_PAGE).catch(1),
});

const roleLabels = { member: "Member", organizer: "Organizer", admin: "Admin" } as const;

export default async function AdminMembersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireRolePage("/admin/members", ["admin"]);
  const raw = await searchParams;
  const query = querySchema.parse({ q: firstParam(raw.q) ?? "", page: firstParam(raw.page) ?? 1 });
  const list = await listMembersForAdmin(viewer, { query: query.q, page: query.page });

  const caption = query.q ? `Members matching “${query.q}”` : "All members";

  return (
    <div className="grid-container usa-section">
      <h1>Manage members</h1>
      <p className="usa-intro">
        Make members organizers, or disable an account to sign its owner out everywhere. Administrators come from the ADMIN_EMAILS setting and are not changed
        here.
      </p>
      <p>
        <Link href="/admin/mail" className="usa-link">
          See mail that could not be sent
        </Link>
        {" · "}
        <Link href="/admin/domains" className="usa-link">
          Domains allowed beyond the .gov registry
        </Link>
      </p>
      {/* records: */}
      <p>
        <Link href="/admin/records" className="usa-link">
          Answer a records request
        </Link>{" "}
        or{" "}
        <Link href="/admin/audit" className="usa-link">
          read the audit log
        </Link>
      </p>

      <SearchBox
        id="member-search"
        action="/admin/members"
        label="Search members"
        hint="By name, email address or agency"
        defaultValue={query.q}
        maxLength={MAX_SEARCH_LENGTH}
      />

      {list.rows.length === 0 ? (
        <p>{query.q ? `No members match “${query.q}”.` : "No members on this page."}</p>
      ) : (
        <DataTable
          stacked
          label={caption}
          caption={`${caption} (${list.total}), page ${list.page} of ${list.pageCount}`}
          columns={["Name", "Email", "Agency", "Role", "Status", "Actions"]}
        >
          {list.rows.map((row) => {
            const isSelf = row.id === viewer.id;
            return (
              <tr key={row.id}>
                <th scope="row">
                  {row.name ?? <span className="text-base">Not given</span>}
                  {isSelf ? <span className="text-base"> (you)</span> : null}
                </th>
                <td>{row.email}</td>
                <td>
                  {row.agency ?? ""}
                  <MemberOrganization organization={row.organization} level={row.governmentLevel} className="display-block font-body-2xs text-base" />
                </td>
                <td>{roleLabels[row.role]}</td>
                <td>
                  {row.disabled ? "Disabled" : "Active"}
                  {row.joined ? null : <span className="display-block text-base font-body-2xs">Hasn&rsquo;t joined yet</span>}
                </td>
                <td>
                  <MemberActions
                    userId={row.id}
                    who={row.name ? `${row.name}, ${row.email}` : row.email}
                    role={row.role}
                    disabled={row.disabled}
                    canChangeRole={!isSelf && row.role !== "admin"}
                    canDisable={!isSelf}
                  />
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}

      <Pagination page={list.page} pageCount={list.pageCount} label="Member list pages" path="/admin/members" filters={{ q: query.q }} />
    </div>
  );
}
