import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { requireRolePage } from "@/lib/auth/guards";
import { GOVERNMENT_LEVEL_LABELS } from "@/lib/members/government-levels";
import { listAllowedDomains } from "@/lib/registry/allowed-domains";
import { dotGovSnapshot } from "@/lib/registry/dotgov";
import { formatShortStart } from "@/lib/time";
import { AllowDomainForm, RemoveDomainButton } from "./domain-forms";

export const metadata: Metadata = { title: "Allowed domains" };

export default async function AllowedDomainsPage() {
  const viewer = await requireRolePage("/admin/domains", ["admin"]);
  const rows = await listAllowedDomains(viewer);
  const snapshot = dotGovSnapshot();

  return (
    <div className="grid-container usa-section">
      <h1>Allowed domains</h1>
      <p className="usa-intro">
        Members join with an address at a domain in the official .gov registry, or at any .mil domain. Add a domain here to let its people join when the
        registry does not list it, or to give it another organization or level.
      </p>
      <p>
        The registry copy is CISA&rsquo;s list of {snapshot.domains.size.toLocaleString("en-US")} .gov domains of {snapshot.date}.{" "}
        <Link href="/admin/members" className="usa-link">
          Manage members
        </Link>
      </p>

      {rows.length === 0 ? (
        <p>No domains are allowed beyond the registry.</p>
      ) : (
        <DataTable
          stacked
          label="Allowed domains"
          caption={`Allowed domains (${rows.length})`}
          columns={["Domain", "Organization", "Level", "Reason", "Added", { label: "Actions", hidden: true }]}
        >
          {rows.map((row) => (
            <tr key={row.domain}>
              <th scope="row">
                {row.domain}
                {row.inRegistry ? <span className="display-block text-base font-body-2xs">Also in the registry: this entry wins</span> : null}
              </th>
              <td>{row.organization}</td>
              <td>{GOVERNMENT_LEVEL_LABELS[row.level].tag}</td>
              <td>{row.reason}</td>
              <td>
                {formatShortStart(row.createdAt, viewer.timeZone)}
                <span className="display-block text-base font-body-2xs">{row.addedBy ? `by ${row.addedBy}` : "by the demo data"}</span>
              </td>
              <td>
                <RemoveDomainButton domain={row.domain} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <h2 className="margin-top-5">Allow a domain</h2>
      <AllowDomainForm />
    </div>
  );
}
