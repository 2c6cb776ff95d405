import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { fieldBinder, FormAlert, Select, TextInput, type FieldCopy } from "@/components/forms";
import { listPageHref, Pagination } from "@/components/pagination";
import { requireRolePage } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { listAuditActions, listAuditLog, parseAuditFilters, type AuditPage } from "@/lib/records/audit-log";
import { AUDIT_FILTER_FIELDS, MAX_AUDIT_PAGE, type AuditFilterField } from "@/lib/records/records-schema";
import { firstParam } from "@/lib/search-params";
import { formatShortStart } from "@/lib/time";

export const metadata: Metadata = { title: "Audit log" };

const COPY = {
  actor: { label: "Person", hint: "Their email address", optional: "unmarked" },
  action: { label: "Action", optional: "unmarked" },
  targetType: { label: "Target type", hint: "Such as event, user or resource", optional: "unmarked" },
  targetId: { label: "Target ID", optional: "unmarked" },
  from: { label: "From", optional: "unmarked" },
  to: { label: "To", hint: "Included", optional: "unmarked" },
} satisfies Record<AuditFilterField, FieldCopy>;

/** Who did what, when, to what: every entry the app wrote, newest first, for admins to read and export. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireRolePage("/admin/audit", ["admin"]);
  const raw = await searchParams;
  const typed = Object.fromEntries(AUDIT_FILTER_FIELDS.map((name) => [name, firstParam(raw[name])?.slice(0, 300) ?? ""])) as Record<AuditFilterField, string>;
  const page = Math.min(Math.max(1, Math.trunc(Number(firstParam(raw.page) ?? 1)) || 1), MAX_AUDIT_PAGE);

  let list: AuditPage | null = null;
  let errors: Record<string, string[]> = {};
  try {
    list = await listAuditLog(viewer, parseAuditFilters(typed), page);
  } catch (error) {
    if (!isAppError(error) || error.kind !== "invalid") throw error;
    errors = error.fieldErrors ?? {};
  }
  const actions = await listAuditActions(viewer);
  const field = fieldBinder(typed, errors, COPY);
  const filters = Object.fromEntries(AUDIT_FILTER_FIELDS.map((name) => [name, typed[name] || undefined]));
  const csvHref = listPageHref("/admin/audit/csv", filters, 1).replace(/[?&]page=1$/, "");
  const when = (at: Date) => <time dateTime={at.toISOString()}>{formatShortStart(at, viewer.timeZone)}</time>;

  return (
    <div className="grid-container usa-section">
      <h1>Audit log</h1>
      <p className="usa-intro">Everything people did that the app records: who, what, to what and when. Times are in your time zone ({viewer.timeZone}).</p>
      <p>
        <Link href="/admin/records" className="usa-link">
          Records requests
        </Link>
      </p>

      <form method="get" action="/admin/audit" className="usa-form maxw-full" role="search" aria-label="Filter the audit log">
        <FormAlert state={list ? { status: "idle" } : { status: "error", message: "Check the filters.", errors }} />
        <div className="grid-row grid-gap">
          <TextInput {...field("actor")} type="email" groupClassName="tablet:grid-col-4" />
          <Select
            {...field("action")}
            options={[{ value: "", label: "Any action" }, ...actions.map((action) => ({ value: action, label: action }))]}
            groupClassName="tablet:grid-col-4"
          />
          <TextInput {...field("targetType")} groupClassName="tablet:grid-col-2" />
          <TextInput {...field("targetId")} groupClassName="tablet:grid-col-2" />
          <TextInput {...field("from")} type="date" groupClassName="tablet:grid-col-3" />
          <TextInput {...field("to")} type="date" groupClassName="tablet:grid-col-3" />
          <div className="tablet:grid-col-3 display-flex flex-align-end">
            <button type="submit" className="usa-button margin-top-2">
              Apply filters
            </button>
          </div>
        </div>
        <p>
          <Link href="/admin/audit" className="usa-link">
            Clear filters
          </Link>
        </p>
      </form>

      {list ? (
        <>
          <p>
            <a href={csvHref} className="usa-button usa-button--outline" download>
              Download these entries as CSV
            </a>
          </p>
          {list.rows.length === 0 ? (
            <p>No entries match these filters.</p>
          ) : (
            <DataTable
              label="Audit log entries"
              caption={`Audit log entries (${list.total}), page ${list.page} of ${list.pageCount}`}
              columns={["Time", "Person", "Action", "Target", "Detail"]}
            >
              {list.rows.map((row) => (
                <tr key={row.id}>
                  <td>{when(row.createdAt)}</td>
                  <td>{row.actorEmail ?? <span className="text-base">No one signed in, or a deleted account</span>}</td>
                  <td>
                    <code>{row.action}</code>
                  </td>
                  <td>
                    {row.targetType}
                    {row.targetId ? <span className="display-block font-mono-3xs text-base">{row.targetId}</span> : null}
                  </td>
                  <td>
                    <DetailCell detail={row.detail} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
          <Pagination page={list.page} pageCount={list.pageCount} label="Audit log pages" path="/admin/audit" filters={filters} />
        </>
      ) : null}
    </div>
  );
}

/** The entry's detail as JSON, cut short on the page (the CSV has it whole); a whole event snapshot is only named. */
function DetailCell({ detail }: { detail: Record<string, unknown> }) {
  const { snapshot, ...rest } = detail;
  const text = JSON.stringify(rest);
  const shown = text.length > 240 ? `${text.slice(0, 240)}…` : text;
  return (
    <span className="font-mono-3xs" style={{ overflowWrap: "anywhere" }}>
      {shown === "{}" ? "" : shown}
      {snapshot ? <span className="display-block text-base">with the whole event as saved</span> : null}
    </span>
  );
}
