import type { Metadata } from "next";
import Link from "next/link";
import { requireRolePage } from "@/lib/auth/guards";
import { BODY_MAX, SUBJECT_MAX } from "@/lib/notifications/messages";
import { formatShortStart } from "@/lib/time";
import { EventBreadcrumbs } from "../../../event-breadcrumbs";
import { loadEventOr404 } from "../../../load-event";
import { MessageForm } from "./message-form";

export const metadata: Metadata = { title: "Message attendees" };

type Props = { params: Promise<{ id: string }> };

/** Organizers write to the people going, waiting, or both; the message is previewed before it goes. */
export default async function MessageAttendeesPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireRolePage(`/manage/events/${id}/attendees/message`, ["organizer", "admin"]);
  const event = await loadEventOr404(viewer, id);

  return (
    <div className="grid-container usa-section">
      <EventBreadcrumbs event={event} trail={[{ href: `/manage/events/${event.id}/attendees`, label: "Attendees" }]} current="Message attendees" />
      <h1>Message attendees</h1>
      <p className="usa-intro">
        {event.title}, {formatShortStart(event.startsAt, event.timeZone)}.
      </p>
      <div className="grid-row">
        <div className="tablet:grid-col-8">
          {event.status === "draft" ? (
            <p>
              This event is a draft, so nobody has RSVPed yet.{" "}
              <Link href={`/manage/events/${event.id}`} className="usa-link">
                Back to the event
              </Link>
            </p>
          ) : (
            <>
              <p>
                Each person gets their own email; replies go to your address. The message and its recipients are kept with the event&rsquo;s records, because
                they may be requested under FOIA.
              </p>
              <MessageForm
                eventId={event.id}
                counts={{ going: event.goingCount, waitlisted: event.waitlistCount }}
                subjectMax={SUBJECT_MAX}
                bodyMax={BODY_MAX}
              />
            </>
          )}
        </div>
      </div>
    </div>
  );
}
