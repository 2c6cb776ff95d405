import type { Metadata } from "next";
import Link from "next/link";
import { requireRolePage } from "@/lib/auth/guards";
import { orNotFound } from "@/app/_components/or-not-found";
import { listAttendees, type Attendee } from "@/lib/events/attendees";
import { ATTENDEE_QUERY_MAX, attendeeQuerySchema, matchesAttendee } from "@/lib/events/attendee-search";
import { SearchBox } from "@/components/forms";
import { formatShortStart } from "@/lib/time";
import { CheckInButton } from "./check-in-button";
import { EventBreadcrumbs } from "../../event-breadcrumbs";
import { DataTable } from "@/components/data-table";

export const metadata: Metadata = { title: "Attendees" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ q?: string | string[] }> };

export default async function AttendeesPage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = attendeeQuerySchema.parse((await searchParams).q);
  const viewer = await requireRolePage(`/manage/events/${id}/attendees`, ["organizer", "admin"]);
  const list = await orNotFound(listAttendees(viewer, id));
  const { event, counts } = list;
  // Check-in mode at the door: the search narrows every table to the people whose name or email matches.
  const shown = (people: Attendee[]) => people.filter((a) => matchesAttendee(a, query));
  const going = shown(list.going);
  const waitlisted = shown(list.waitlisted);
  const cancelled = shown(list.cancelled);
  const of = (found: number, all: number) => (query ? `${found} of ${all}` : String(all));
  const at = (date: Date) => <time dateTime={date.toISOString()}>{formatShortStart(date, event.timeZone)}</time>;
  const who = (a: Attendee) => a.name ?? a.email;

  return (
    <div className="grid-container usa-section">
      <EventBreadcrumbs event={event} current="Attendees" />
      <h1>Attendees: {event.title}</h1>
      <p className="usa-intro">
        {formatShortStart(event.startsAt, event.timeZone)}. {counts.going} going
        {event.capacity === null ? "" : ` of ${event.capacity}`}, {counts.waitlisted} on the waitlist, {counts.cancelled} cancelled.
      </p>
      <ul className="usa-button-group">
        {event.status !== "draft" ? (
          <li className="usa-button-group__item">
            <Link href={`/manage/events/${event.id}/attendees/message`} className="usa-button">
              Message attendees
            </Link>
          </li>
        ) : null}
        <li className="usa-button-group__item">
          <a href={`/manage/events/${event.id}/attendees/csv`} className="usa-button usa-button--outline" download>
            Download CSV
          </a>
        </li>
      </ul>

      <SearchBox
        id="attendee-search"
        action={`/manage/events/${event.id}/attendees`}
        label="Find a person"
        hint="Part of their name or email. For checking people in at the door."
        defaultValue={query}
        maxLength={ATTENDEE_QUERY_MAX}
      />
      {query ? (
        <p role="status">
          Showing people matching &ldquo;{query}&rdquo;. <Link href={`/manage/events/${event.id}/attendees`}>Show everyone</Link>
        </p>
      ) : null}

      <Table
        caption={`Going (${of(going.length, counts.going)})`}
        empty={query ? "Nobody going matches." : "Nobody is going yet."}
        columns={["Name", "Email", "Agency", "RSVP time", "Checked in"]}
      >
        {going.map((a) => (
          <tr key={a.userId}>
            <th scope="row">{who(a)}</th>
            <td>{a.email}</td>
            <td>{a.agency ?? ""}</td>
            <td>{at(a.rsvpAt)}</td>
            <td>
              <p className="margin-y-05">{a.checkedInAt ? at(a.checkedInAt) : "Not yet"}</p>
              {event.status === "published" ? <CheckInButton eventId={event.id} userId={a.userId} who={who(a)} checkedIn={a.checkedInAt !== null} /> : null}
            </td>
          </tr>
        ))}
      </Table>

      <Table
        caption={`Waitlist (${of(waitlisted.length, counts.waitlisted)})`}
        empty={query ? "Nobody waiting matches." : "Nobody is waiting."}
        columns={["Position", "Name", "Email", "Agency", "Joined the waitlist"]}
      >
        {waitlisted.map((a) => (
          <tr key={a.userId}>
            <td>{a.position}</td>
            <th scope="row">{who(a)}</th>
            <td>{a.email}</td>
            <td>{a.agency ?? ""}</td>
            <td>{at(a.rsvpAt)}</td>
          </tr>
        ))}
      </Table>

      <Table
        caption={`Cancelled (${of(cancelled.length, counts.cancelled)})`}
        empty={query ? "Nobody who cancelled matches." : "Nobody has cancelled."}
        columns={["Name", "Email", "Agency"]}
      >
        {cancelled.map((a) => (
          <tr key={a.userId}>
            <th scope="row">{who(a)}</th>
            <td>{a.email}</td>
            <td>{a.agency ?? ""}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

function Table({ caption, columns, empty, children }: { caption: string; columns: string[]; empty: string; children: React.ReactNode[] }) {
  if (children.length === 0) {
    return (
      <section className="margin-top-4">
        <h2 className="font-heading-md">{caption}</h2>
        <p>{empty}</p>
      </section>
    );
  }
  return (
    <section className="margin-top-4">
      <h2 className="font-heading-md">{caption}</h2>
      <DataTable stacked label={caption} captionHidden columns={columns}>
        {children}
      </DataTable>
    </section>
  );
}
