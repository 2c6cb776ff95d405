import type { Metadata } from "next";
import Link from "next/link";
import { Checkbox, fieldBinder, type FieldCopy } from "@/components/forms";
import { orNotFound } from "@/app/_components/or-not-found";
import { requireRolePage } from "@/lib/auth/guards";
import { STATUS_LABELS } from "@/lib/events/vocabulary";
import { eventRecordsSummary } from "@/lib/records/event-records";
import { formatShortStart } from "@/lib/time";

export const metadata: Metadata = { title: "Records of an event" };

const COPY = {
  accommodations: {
    label: "Include accommodation requests",
    hint: "Only if the request asks for them and your records officer agrees.",
  },
} satisfies Record<"accommodations", FieldCopy>;

/** One event's records: what the archive will hold, and the button that streams it. */
export default async function EventRecordsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireRolePage(`/admin/records/events/${id}`, ["admin"]);
  const { event, counts } = await orNotFound(eventRecordsSummary(viewer, id));
  const field = fieldBinder({}, {}, COPY);
  const facts: [string, number][] = [
    ["Versions of the event kept", counts.versions],
    ["Audit log entries", counts.auditEntries],
    ["RSVPs", counts.rsvps],
    ["Messages from organizers", counts.messages],
    ["Resources", counts.resources],
  ];

  return (
    <div className="grid-container usa-section">
      <p>
        <Link href="/admin/records" className="usa-link">
          All records requests
        </Link>
      </p>
      <h1>Records of {event.title}</h1>
      <p className="usa-intro">
        {STATUS_LABELS[event.status].tag} event, <time dateTime={event.startsAt.toISOString()}>{formatShortStart(event.startsAt, event.timeZone)}</time>.
      </p>
      <h2>What the archive holds</h2>
      <ul className="usa-list">
        {facts.map(([label, n]) => (
          <li key={label}>
            {label}: <strong>{n}</strong>
          </li>
        ))}
      </ul>
      <p>
        Attendees&rsquo; names and email addresses are in it. Files attached as resources are listed, not included. The download is recorded in the audit log
        with your name.
      </p>
      <form method="get" action={`/admin/records/events/${event.id}/archive`} className="usa-form maxw-tablet">
        <div className="usa-alert usa-alert--warning usa-alert--slim margin-bottom-2" id="accommodations-warning">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              Accommodation requests describe people&rsquo;s disabilities and health. They are protected by the Privacy Act and the Rehabilitation Act; most
              records requests do not reach them, and releasing them usually needs a redaction review.
            </p>
          </div>
        </div>
        <Checkbox {...field("accommodations")} />
        <button type="submit" className="usa-button margin-top-3">
          Download archive
        </button>
      </form>
    </div>
  );
}
