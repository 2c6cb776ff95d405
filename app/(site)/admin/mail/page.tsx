import type { Metadata } from "next";
import { requireRolePage } from "@/lib/auth/guards";
import { FAILED_MAIL_LIST_MAX, listFailedMail } from "@/lib/mail/failures";
import { formatShortStart } from "@/lib/time";

export const metadata: Metadata = { title: "Failed mail" };

const notificationLabels = {
  reminder_day: "Day-before reminder",
  reminder_hour: "Hour-before reminder",
  follow_up: "Follow-up",
  digest: "Weekly digest",
} as const;

function When({ at, timeZone }: { at: Date | null; timeZone: string }) {
  return at ? <time dateTime={at.toISOString()}>{formatShortStart(at, timeZone)}</time> : <span className="text-base">Not recorded</span>;
}

/** Mail the app gave up on, so an admin can see what broke and who did not get what. */
export default async function AdminMailPage() {
  const viewer = await requireRolePage("/admin/mail", ["admin"]);
  const failed = await listFailedMail(viewer);

  return (
    <div className="grid-container usa-section">
      <h1>Failed mail</h1>
      <p className="usa-intro">
        Email the app stopped trying to send after repeated errors. Everything else keeps going out; these need a look,
        usually at the address or the mail server. The newest {FAILED_MAIL_LIST_MAX} of each kind are shown.
      </p>

      <h2 id="failed-notifications">Scheduled notifications</h2>
      {failed.notifications.length === 0 ? (
        <p>No scheduled notification has failed.</p>
      ) : (
        <div className="usa-table-container--scrollable" tabIndex={0}>
          <table className="usa-table usa-table--borderless width-full" aria-labelledby="failed-notifications">
            <thead>
              <tr>
                <th scope="col">Failed</th>
                <th scope="col">Kind</th>
                <th scope="col">Member</th>
                <th scope="col">Event</th>
                <th scope="col">Attempts</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {failed.notifications.map((row) => (
                <tr key={row.id}>
                  <td>
                    <When at={row.failedAt} timeZone={viewer.timeZone} />
                  </td>
                  <td>{notificationLabels[row.kind]}</td>
                  <td>{row.email}</td>
                  <td>{row.eventTitle ?? ""}</td>
                  <td>{row.attempts}</td>
                  <td className="font-mono-2xs">{row.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="failed-outbox">Messages the mail server did not take</h2>
      {failed.outbox.length === 0 ? (
        <p>No message has failed to send.</p>
      ) : (
        <div className="usa-table-container--scrollable" tabIndex={0}>
          <table className="usa-table usa-table--borderless width-full" aria-labelledby="failed-outbox">
            <thead>
              <tr>
                <th scope="col">Failed</th>
                <th scope="col">Queued</th>
                <th scope="col">Kind</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Attempts</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {failed.outbox.map((row) => (
                <tr key={row.id}>
                  <td>
                    <When at={row.failedAt} timeZone={viewer.timeZone} />
                  </td>
                  <td>
                    <When at={row.createdAt} timeZone={viewer.timeZone} />
                  </td>
                  <td>{row.kind}</td>
                  <td>{row.to}</td>
                  <td>{row.subject}</td>
                  <td>{row.attempts}</td>
                  <td className="font-mono-2xs">{row.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
