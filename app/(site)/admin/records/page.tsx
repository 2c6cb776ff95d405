import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { DataTable } from "@/components/data-table";
import { fieldBinder, SearchBox, TextInput, type FieldCopy } from "@/components/forms";
import { Pagination } from "@/components/pagination";
import { requireRolePage } from "@/lib/auth/guards";
import { STATUS_LABELS } from "@/lib/events/vocabulary";
import { MAX_SEARCH_LENGTH } from "@/lib/members/search-pattern";
import { listEventsForRecords, MAX_RECORDS_PAGE } from "@/lib/records/event-records";
import { defaultRange } from "@/lib/records/records-schema";
import { firstParam } from "@/lib/search-params";
import { formatShortStart } from "@/lib/time";

export const metadata: Metadata = { title: "Records requests" };

const querySchema = z.object({
  q: z
    .string()
    .catch("")
    .transform((value) => value.trim().slice(0, MAX_SEARCH_LENGTH)),
  page: z.coerce.number().int().min(1).max(MAX_RECORDS_PAGE).catch(1),
});

const COPY = {
  from: { label: "From", hint: "The first day, in your time zone." },
  to: { label: "To", hint: "The last day, included." },
} satisfies Record<"from" | "to", FieldCopy>;

/** Where an admin answers a records (FOIA) request: one event's whole record, or every organizer message in a period. */
export default async function RecordsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireRolePage("/admin/records", ["admin"]);
  const raw = await searchParams;
  const query = querySchema.parse({ q: firstParam(raw.q) ?? "", page: firstParam(raw.page) ?? 1 });
  const list = await listEventsForRecords(viewer, { query: query.q, page: query.page });
  const field = fieldBinder(defaultRange(viewer.timeZone), {}, COPY);
  const caption = query.q ? `Events matching “${query.q}”` : "All events";

  return (
    <div className="grid-container usa-section">
      <h1>Records requests</h1>
      <p className="usa-intro">
        Export what Convene keeps, for a Freedom of Information Act request or your agency&rsquo;s records officer. Each export is one zip file with a manifest
        of its files and their checksums, and each is written to the <Link href="/admin/audit">audit log</Link>.
      </p>
      <p>
        <Link href="/admin/audit" className="usa-link">
          Read the audit log
        </Link>
      </p>

      <section aria-labelledby="event-records-heading">
        <h2 id="event-records-heading">Records of one event</h2>
        <p>
          The event and every version of it, its RSVPs, the messages organizers sent with their recipients, and its resources&rsquo; details. Choose the event:
        </p>
        <SearchBox
          id="records-q"
          action="/admin/records"
          label="Find an event"
          hint="By title or address"
          defaultValue={query.q}
          maxLength={MAX_SEARCH_LENGTH}
        />
        {list.rows.length === 0 ? (
          <p>{query.q ? `No events match “${query.q}”.` : "No events yet."}</p>
        ) : (
          <DataTable
            stacked
            label={caption}
            caption={`${caption} (${list.total}), page ${list.page} of ${list.pageCount}`}
            columns={["Event", "Starts", "Status"]}
          >
            {list.rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  <Link href={`/admin/records/events/${row.id}`} className="usa-link">
                    {row.title}
                  </Link>
                </th>
                <td>
                  <time dateTime={row.startsAt.toISOString()}>{formatShortStart(row.startsAt, row.timeZone)}</time>
                </td>
                <td>{STATUS_LABELS[row.status].tag}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <Pagination page={list.page} pageCount={list.pageCount} label="Event list pages" path="/admin/records" filters={{ q: query.q }} />
      </section>

      <section aria-labelledby="message-records-heading" className="margin-top-6">
        <h2 id="message-records-heading">Organizer messages for a period</h2>
        <p>Every message organizers sent about any event between two days, whole, with who it went to.</p>
        <form method="get" action="/admin/records/messages/archive" className="usa-form">
          <TextInput {...field("from")} type="date" />
          <TextInput {...field("to")} type="date" />
          <button type="submit" className="usa-button margin-top-3">
            Download messages archive
          </button>
        </form>
      </section>
    </div>
  );
}
