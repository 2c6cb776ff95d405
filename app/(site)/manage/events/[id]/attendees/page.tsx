import type { Metadata } from "next";
import Link from "next/link";
import { requireRolePage } from "@/lib/auth/guards";
import { orNotFound } from "@/app/_components/or-not-found";
import { listAttendees, type Attendee } from "@/lib/events/attendees";
import { formatShortStart } from "@/lib/time";
import { CheckInButton } from "./check-in-button";
import { EventBreadcrumbs } from "../../event-breadcrumbs";
import { DataTable } from "@/components/data-table";

export const metadata: Metadata = { title: "Attendees" };

type Props = { params: Promise<{ id: string }> };

export default async function AttendeesPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireRolePage(`/manage/events/${id}/attendees`, ["organizer", "admin"]);
  const list = await orNotFound(listAttendees(viewer, id));
  const { event, counts } = list;
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

      <Table caption={`Going (${counts.going})`} empty="Nobody is going yet." columns={["Name", "Email", "Agency", "RSVP time", "Checked in"]}>
        {list.going.map((a) => (
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

      <Table caption={`Waitlist (${counts.waitlisted})`} empty="Nobody is waiting." columns={["Position", "Name", "Email", "Agency", "Joined the waitlist"]}>
        {list.waitlisted.map((a) => (
          <tr key={a.userId}>
            <td>{a.position}</td>
            <th scope="row">{who(a)}</th>
            <td>{a.email}</td>
            <td>{a.agency ?? ""}</td>
            <td>{at(a.rsvpAt)}</td>
          </tr>
        ))}
      </Table>

      <Table caption={`Cancelled (${counts.cancelled})`} empty="Nobody has cancelled." columns={["Name", "Email", "Agency"]}>
        {list.cancelled.map((a) => (
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
