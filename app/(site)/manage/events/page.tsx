import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Select } from "@/components/forms";
import { DataTable } from "@/components/data-table";
import { Pagination } from "@/components/pagination";
import { requireRolePage } from "@/lib/auth/guards";
import { listEventsForOrganizer, MAX_MANAGE_PAGE } from "@/lib/events/manage-read";
import { EVENT_STATUSES, STATUS_LABELS } from "@/lib/events/model";
import { formatShortStart } from "@/lib/time";
import { StatusTag } from "./status-tag";
import { firstParam } from "@/lib/search-params";

export const metadata: Metadata = { title: "Manage events" };

const querySchema = z.object({
  status: z.enum(EVENT_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(MAX_MANAGE_PAGE).catch(1),
});

export default async function ManageEventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireRolePage("/manage/events", ["organizer", "admin"]);
  const raw = await searchParams;
  const query = querySchema.parse({ status: firstParam(raw.status) || undefined, page: firstParam(raw.page) ?? 1 });
  const list = await listEventsForOrganizer(viewer, { status: query.status, page: query.page });
  const caption = query.status ? `${STATUS_LABELS[query.status].plural} events` : "All events";

  return (
    <div className="grid-container usa-section">
      <div className="display-flex flex-justify flex-align-center flex-wrap">
        <h1 className="margin-y-0">Manage events</h1>
        <Link href="/manage/events/new" className="usa-button margin-y-2">
          Create event
        </Link>
      </div>
      <p>
        <Link href="/manage/reach" className="usa-link">
          Community reach
        </Link>
        : RSVPs, attendance and new members across every event.
      </p>

      <form method="get" action="/manage/events" className="usa-form display-flex flex-align-end flex-wrap margin-bottom-2">
        <Select
          name="status"
          label="Status"
          optional="unmarked"
          groupClassName="margin-right-2"
          options={[{ value: "", label: "All statuses" }, ...EVENT_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status].plural }))]}
          defaultValue={query.status ?? ""}
        />
        <button type="submit" className="usa-button usa-button--outline margin-top-2">
          Filter
        </button>
      </form>

      {list.items.length === 0 ? (
        <p>No events here yet.</p>
      ) : (
        <DataTable label={caption} caption={`${caption} (${list.total.toLocaleString("en-US")})`} columns={["Title", "Starts", "Status", "Going", "Waitlist"]}>
          {list.items.map((event) => (
            <tr key={event.id}>
              <th scope="row">
                <Link href={`/manage/events/${event.id}`} className="usa-link">
                  {event.title}
                </Link>
              </th>
              <td>
                <time dateTime={event.startsAt.toISOString()}>{formatShortStart(event.startsAt, event.timeZone)}</time>
              </td>
              <td>
                <StatusTag status={event.status} />
              </td>
              <td>
                {event.goingCount}
                {event.capacity === null ? " (no limit)" : ` of ${event.capacity}`}
              </td>
              <td>{event.waitlistCount}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} label={`${caption} pages`} path="/manage/events" filters={{ status: query.status }} />
    </div>
  );
}
