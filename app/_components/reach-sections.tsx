import { ReachBarChart } from "@/components/charts/reach-bar-chart";
import { DataTable } from "@/components/data-table";
import { fieldBinder, Select, TextInput, type FieldCopy } from "@/components/forms";
import { ErrorSummary, errorItems } from "@/components/forms/error-summary";
import { summaryRows, type ReachDashboard, type ReachTable } from "@/lib/reach/dashboard";
import type { ReachPeriodResult } from "@/lib/reach/period-schema";
import type { ReachGroupRow } from "@/lib/reach/queries";

type Field = "from" | "to" | "by";

const COPY: Record<Field, FieldCopy> = {
  from: { label: "From", hint: "The first day, as YYYY-MM-DD.", optional: "unmarked" },
  to: { label: "To", hint: "The last day, included. At most 366 days after the first.", optional: "unmarked" },
  by: { label: "New members by", optional: "unmarked" },
};

const INTERVAL_OPTIONS = [
  { value: "week", label: "Week" },
  { value: "month", label: "Month" },
] as const;

function formatDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" });
}

function formatMonth(day: string): string {
  const [y, m] = day.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString("en-US", { timeZone: "UTC", month: "long", year: "numeric" });
}

/** The period form: a plain GET, so a dashboard can be bookmarked and shared. */
function PeriodForm({ action, input, community }: { action: string; input: ReachPeriodResult; community: boolean }) {
  const field = fieldBinder<Field>(input.values, input.errors, COPY);
  const items = errorItems(input.errors).map((item) => ({ ...item, label: String(COPY[item.id as Field]?.label ?? item.id) }));
  return (
    <form method="get" action={action} className="usa-form maxw-full margin-bottom-4" aria-label="Choose the period">
      {items.length > 0 ? <ErrorSummary message="Check the period. Until it is fixed, the figures below are for the default period." items={items} /> : null}
      <div className="grid-row grid-gap">
        <TextInput type="date" {...field("from")} groupClassName="tablet:grid-col-4" />
        <TextInput type="date" {...field("to")} groupClassName="tablet:grid-col-4" />
        {community ? <Select {...field("by")} defaultValue={input.values.by || "week"} options={INTERVAL_OPTIONS} groupClassName="tablet:grid-col-2" /> : null}
        <div className="tablet:grid-col-2 display-flex flex-align-end">
          <button type="submit" className="usa-button margin-top-2">
            Show
          </button>
        </div>
      </div>
    </form>
  );
}

function CsvLink({ base, table, dashboard, what }: { base: string; table: ReachTable; dashboard: ReachDashboard; what: string }) {
  const { from, to, by } = dashboard.period;
  const query = new URLSearchParams({ table, from, to, by });
  return (
    <p>
      <a className="usa-link" href={`${base}?${query}`} download>
        Download {what} as CSV
      </a>
    </p>
  );
}

function GroupSection({ id, heading, column, rows, csv }: { id: string; heading: string; column: string; rows: ReachGroupRow[]; csv: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="margin-top-5">
      <h2 id={`${id}-heading`}>{heading}</h2>
      <div className="grid-row grid-gap">
        <div className="tablet:grid-col-6">
          <ReachBarChart
            id={id}
            title={heading}
            series={[{ label: "RSVPs" }, { label: "Attended" }]}
            rows={rows.map((row) => ({ label: row.label, values: [row.rsvps, row.attended] }))}
          />
        </div>
        <div className="tablet:grid-col-6">
          {rows.length === 0 ? (
            <p>No RSVPs in this period.</p>
          ) : (
            <DataTable stacked label={heading} captionHidden columns={[column, "RSVPs", "Attended", "No-shows"]}>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label}</th>
                  <td>{row.rsvps}</td>
                  <td>{row.attended}</td>
                  <td>{row.noShows}</td>
                </tr>
              ))}
            </DataTable>
          )}
          {csv}
        </div>
      </div>
    </section>
  );
}

/** A reach dashboard's body, for the community or one event: the period, the figures, then each breakdown as a chart beside its table. */
export function ReachSections({ dashboard, input, action, csvBase }: { dashboard: ReachDashboard; input: ReachPeriodResult; action: string; csvBase: string }) {
  const community = dashboard.newMembers !== null;
  const { period, summary } = dashboard;
  return (
    <>
      <PeriodForm action={action} input={input} community={community} />
      <p className="usa-intro" data-testid="reach-period">
        {community ? "Published events starting" : "RSVPs made"} from {formatDay(period.from)} to {formatDay(period.to)} ({period.timeZone.replace(/_/g, " ")}
        ).
      </p>

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">At a glance</h2>
        <DataTable label="At a glance" captionHidden columns={["Figure", "Count"]}>
          {summaryRows(summary, community ? "community" : "event").map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td data-testid={`summary-${label}`}>{value}</td>
            </tr>
          ))}
        </DataTable>
        <p className="usa-hint">
          No-shows are people going to an event that has ended who were never checked in. A waitlist conversion is someone who was given a seat from the
          waitlist.
        </p>
        <CsvLink base={csvBase} table="summary" dashboard={dashboard} what="these figures" />
      </section>

      <GroupSection
        id="by-level"
        heading="By level of government"
        column="Level of government"
        rows={dashboard.byLevel}
        csv={<CsvLink base={csvBase} table="levels" dashboard={dashboard} what="levels of government" />}
      />
      <GroupSection
        id="by-organization"
        heading="By organization"
        column="Organization"
        rows={dashboard.byOrganization}
        csv={<CsvLink base={csvBase} table="organizations" dashboard={dashboard} what="organizations" />}
      />

      {dashboard.newMembers ? (
        <section aria-labelledby="new-members-heading" className="margin-top-5">
          <h2 id="new-members-heading">New members by {period.by}</h2>
          <div className="grid-row grid-gap">
            <div className="tablet:grid-col-6">
              <ReachBarChart
                id="new-members"
                title={`New members by ${period.by}`}
                series={[{ label: "New members" }]}
                rows={dashboard.newMembers.map((row) => ({
                  label: period.by === "month" ? formatMonth(row.bucket) : `Week of ${formatDay(row.bucket)}`,
                  values: [row.members],
                }))}
              />
            </div>
            <div className="tablet:grid-col-6">
              <DataTable
                stacked
                label={`New members by ${period.by}`}
                captionHidden
                columns={[period.by === "month" ? "Month" : "Week starting", "New members"]}
              >
                {dashboard.newMembers.map((row) => (
                  <tr key={row.bucket}>
                    <th scope="row">{period.by === "month" ? formatMonth(row.bucket) : formatDay(row.bucket)}</th>
                    <td>{row.members}</td>
                  </tr>
                ))}
              </DataTable>
              <CsvLink base={csvBase} table="members" dashboard={dashboard} what="new members" />
            </div>
          </div>
        </section>
      ) : null}
    </>
  );
}
