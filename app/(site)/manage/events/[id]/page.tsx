import type { Metadata } from "next";
import Link from "next/link";
import { EventTags } from "@/components/event-tags";
import { requireRolePage } from "@/lib/auth/guards";
import { pastStartWarning, unpublishRefusal } from "@/lib/events/manage-read";
import { formatEventWhen, formatShortStart } from "@/lib/time";
import { loadEventOr404 } from "../load-event";
import { StatusTag } from "../status-tag";
import { CancelEventForm } from "./cancel-event-form";
import { EventControls } from "./event-controls";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { EventColumns, EventDetailsBox } from "@/components/event-details-box";
import { EventFact } from "@/components/event-fact";
import { describeAudience } from "@/lib/events/audience";
import { EventHosts } from "@/components/event-hosts";
import { SentMessages } from "./sent-messages";
import { AccommodationRequests } from "./accommodation-requests";

export const metadata: Metadata = { title: "Event preview" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ messageSent?: string | string[]; published?: string | string[] }> };

/** The organizer's view: the event as the public page shows it, with what only organizers need around it. */
export default async function ManageEventPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { messageSent, published } = await searchParams;
  const justSent = typeof messageSent === "string" && /^\d{1,6}$/.test(messageSent) ? Number(messageSent) : null;
  const viewer = await requireRolePage(`/manage/events/${id}`, ["organizer", "admin"]);
  const event = await loadEventOr404(viewer, id);
  const when = formatEventWhen(event.startsAt, event.endsAt, event.timeZone);
  // "Save and publish" lands here; the flag is only believed while the event is in fact published.
  const justPublished = published === "1" && event.status === "published";
  const pastWarning = pastStartWarning(event);
  // Asked of lib/ with the counts the page shows; unpublishEvent asks again under the row lock.
  const unpublishBlocked =
    event.status === "published" ? unpublishRefusal({ status: event.status, activeRsvps: event.goingCount + event.waitlistCount }) : null;

  return (
    <div className="grid-container usa-section">
      <Breadcrumbs trail={[{ href: "/manage/events", label: "Manage events" }]} current={event.title} />

      <h1>{event.title}</h1>

      <section aria-labelledby="organizer-heading" className="bg-base-lightest padding-2 margin-bottom-4 radius-md">
        <h2 id="organizer-heading" className="margin-top-0 font-heading-md">
          Status: <StatusTag status={event.status} />
        </h2>
        <p className="margin-top-0">
          {event.status === "draft"
            ? "Draft: only organizers can see this event. Publish it to put it on the public calendar."
            : event.status === "published"
              ? "Published on the public calendar."
              : "Cancelled. Everyone who was going or waiting was told."}{" "}
          {event.goingCount} going{event.capacity === null ? "" : ` of ${event.capacity}`}, {event.waitlistCount} on the waitlist.
        </p>
        <ul className="usa-button-group margin-bottom-2">
          {event.status !== "cancelled" ? (
            <li className="usa-button-group__item">
              <Link href={`/manage/events/${event.id}/edit`} className="usa-button">
                Edit
              </Link>
            </li>
          ) : null}
          {event.seriesId && event.status !== "cancelled" ? (
            // series: the same form for this date and every later one.
            <li className="usa-button-group__item">
              <Link href={`/manage/events/${event.id}/edit-following`} className="usa-button usa-button--outline">
                Edit this and following
              </Link>
            </li>
          ) : null}
          <li className="usa-button-group__item">
            <Link href={`/manage/events/${event.id}/attendees`} className="usa-button usa-button--outline">
              Attendees
            </Link>
          </li>
          <li className="usa-button-group__item">
            <Link href={`/manage/events/${event.id}/reach`} className="usa-button usa-button--outline">
              Reach
            </Link>
          </li>
          {event.status !== "draft" ? (
            // Resources attach to published and cancelled events (lib/resources/manage.ts), so drafts get no link.
            <li className="usa-button-group__item">
              <Link href={`/manage/resources/new?event=${event.id}`} className="usa-button usa-button--outline">
                Add a resource
              </Link>
            </li>
          ) : null}
          {event.seriesId ? (
            <li className="usa-button-group__item">
              <Link href={`/series/${event.seriesId}`} className="usa-button usa-button--unstyled padding-y-1">
                All dates in the series
              </Link>
            </li>
          ) : null}
          {event.status !== "cancelled" ? (
            // surveys: the feedback survey mailed after the event, and its results.
            <li className="usa-button-group__item">
              <Link href={`/manage/events/${event.id}/survey`} className="usa-button usa-button--outline">
                Feedback survey
              </Link>
            </li>
          ) : null}
          {event.status !== "draft" ? (
            <li className="usa-button-group__item">
              <Link href={`/events/${event.slug}`} className="usa-button usa-button--unstyled padding-y-1">
                Public page
              </Link>
            </li>
          ) : null}
        </ul>
        {justPublished ? (
          <div className="usa-alert usa-alert--success usa-alert--slim margin-bottom-2" role="status">
            <div className="usa-alert__body">
              <p className="usa-alert__text">Published. The event is now on the public calendar.</p>
            </div>
          </div>
        ) : null}
        {pastWarning ? (
          <div className="usa-alert usa-alert--warning usa-alert--slim margin-bottom-2">
            <div className="usa-alert__body">
              <p className="usa-alert__text">{pastWarning}</p>
            </div>
          </div>
        ) : null}
        <EventControls id={event.id} status={event.status} unpublishBlocked={unpublishBlocked} />
      </section>

      {event.status === "cancelled" && event.cancellationMessage ? (
        <div className="usa-alert usa-alert--error">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">This event has been cancelled</h2>
            <p className="usa-alert__text">{event.cancellationMessage}</p>
          </div>
        </div>
      ) : null}

      {event.summary ? <p className="usa-intro">{event.summary}</p> : null}
      <EventTags event={event} />

      <EventColumns body={event.body}>
        <EventDetailsBox startsAt={event.startsAt} when={when} location={event.location}>
          {event.joinUrl ? (
            <EventFact label="Join link (shown to people going)" className="text-wrap">
              {event.joinUrl}
            </EventFact>
          ) : null}
          {event.rsvpDeadline ? <EventFact label="RSVP deadline">{formatShortStart(event.rsvpDeadline, event.timeZone)}</EventFact> : null}
          {event.tags.length > 0 ? <EventFact label="Topics">{event.tags.join(", ")}</EventFact> : null}
          {/* registry: who may attend. */}
          <EventFact label="Who may attend">{describeAudience(event) ?? "Every member"}</EventFact>
        </EventDetailsBox>

        <EventHosts hosts={event.hosts} />
      </EventColumns>

      {/* accommodations */}
      {event.status !== "draft" ? <AccommodationRequests viewer={viewer} eventId={event.id} timeZone={event.timeZone} /> : null}

      {event.status !== "draft" ? <SentMessages viewer={viewer} eventId={event.id} timeZone={event.timeZone} justSent={justSent} /> : null}

      {event.status === "published" ? (
        <section aria-labelledby="cancel-heading" className="margin-top-5 border-top-1px border-base-lighter padding-top-3">
          <h2 id="cancel-heading">Cancel this event</h2>
          <p>Cancelling can&rsquo;t be undone. Everyone going or on the waitlist gets an email and a calendar cancellation.</p>
          <CancelEventForm id={event.id} />
        </section>
      ) : null}
    </div>
  );
}
