import type { Metadata } from "next";
import type { ReactNode } from "react";
import { requireRolePage } from "@/lib/auth/guards";
import { FAILED_MAIL_LIST_MAX, listFailedMail } from "@/lib/mail/failures";
import { formatShortStart } from "@/lib/time";
import { DataTable } from "@/components/data-table";

export const metadata: Metadata = { title: "Failed mail" };

const notificationLabels = {
  reminder_day: "Day-before reminder",
  reminder_hour: "Hour-before reminder",
  follow_up: "Follow-up",
  digest: "Weekly digest",
  event_update: "Calendar update after an edit",
  survey: "Feedback survey after an event",
} as const;

/** Mail the app gave up on, so an admin can see what broke and who did not get what. */
export default async function AdminMailPage() {
  const viewer = await requireRolePage("/admin/mail", ["admin"]);
  const failed = await listFailedMail(viewer);
  const when = (at: Date | null) =>
    at ? <time dateTime={at.toISOString()}>{formatShortStart(at, viewer.timeZone)}</time> : <span className="text-base">Not recorded</span>;
  const error = (text: string | null) => <span className="font-mono-2xs">{text ?? ""}</span>;

  return (
    <div className="grid-container usa-section">
      <h1>Failed mail</h1>
      <p className="usa-intro">
        Email the app stopped trying to send after repeated errors. Everything else keeps going out; these need a look, usually at the address or the mail
        server. The newest {FAILED_MAIL_LIST_MAX} of each kind are shown.
      </p>
      <FailureTable
        id="failed-notifications"
        heading="Scheduled notifications"
        empty="No scheduled notification has failed."
        columns={["Failed", "Kind", "Member", "Event", "Attempts", "Error"]}
        rows={failed.notifications.map((row) => ({
          key: row.id,
          cells: [when(row.failedAt), notificationLabels[row.kind], row.email, row.eventTitle ?? "", row.attempts, error(row.lastError)],
        }))}
      />
      <FailureTable
        id="failed-outbox"
        heading="Messages the mail server did not take"
        empty="No message has failed to send."
        columns={["Failed", "Queued", "Kind", "To", "Subject", "Attempts", "Error"]}
        rows={failed.outbox.map((row) => ({
          key: row.id,
          cells: [when(row.failedAt), when(row.createdAt), row.kind, row.to, row.subject, row.attempts, error(row.lastError)],
        }))}
      />
    </div>
  );
}

function FailureTable({
  id,
  heading,
  empty,
  columns,
  rows,
}: {
  id: string;
  heading: string;
  empty: string;
  columns: string[];
  rows: { key: number; cells: ReactNode[] }[];
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <DataTable label={heading} captionHidden columns={columns}>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, index) => (
                <td key={columns[index]}>{cell}</td>
              ))}
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
