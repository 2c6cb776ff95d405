import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { availabilityLabel, EventTags } from "@/components/event-tags";
import { AddToCalendar } from "@/components/add-to-calendar";
import { Markdown } from "@/components/markdown";
import { getViewer } from "@/lib/auth/viewer";
import { getEventBySlug, getViewerEventState } from "@/lib/events/queries";
import { listEventResources } from "@/lib/resources/queries";
import { RsvpPanel } from "./rsvp-panel";
import { formatEventWhen, zonesDiffer } from "@/lib/time";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const event = await getEventBySlug({ slug, viewer: await getViewer() });
  return { title: event?.title ?? "Event not found" };
}

export default async function EventPage({ params }: Props) {
  const { slug } = await params;
  const viewer = await getViewer();
  const event = await getEventBySlug({ slug, viewer });
  if (!event) notFound();

  const when = formatEventWhen(event.startsAt, event.endsAt, event.timeZone);
  const viewerWhen =
    viewer && zonesDiffer(event.timeZone, viewer.timeZone, event.startsAt)
      ? formatEventWhen(event.startsAt, event.endsAt, viewer.timeZone)
      : null;
  const availability = availabilityLabel(event.capacity, event.goingCount);
  const [state, eventResources] = await Promise.all([
    getViewerEventState({ eventId: event.id, viewer }),
    listEventResources({ eventId: event.id, viewer }),
  ]);
  const now = new Date();
  const rsvpClosedReason =
    event.status !== "published"
      ? null
      : event.startsAt <= now
        ? "This event has started or already happened, so RSVPs are closed."
        : event.rsvpDeadline && event.rsvpDeadline <= now
          ? "RSVPs for this event are closed."
          : null;
  const full = event.capacity !== null && event.goingCount >= event.capacity;

  return (
    <div className="grid-container usa-section">
      <nav aria-label="Breadcrumbs" className="usa-breadcrumb padding-top-0">
        <ol className="usa-breadcrumb__list">
          <li className="usa-breadcrumb__list-item">
            <Link href="/events" className="usa-breadcrumb__link">
              <span>Events</span>
            </Link>
          </li>
          <li className="usa-breadcrumb__list-item usa-current" aria-current="page">
            <span>{event.title}</span>
          </li>
        </ol>
      </nav>

      {event.status === "draft" ? (
        <div className="usa-alert usa-alert--warning usa-alert--slim">
          <div className="usa-alert__body">
            <p className="usa-alert__text">Draft: only organizers can see this event until it is published.</p>
          </div>
        </div>
      ) : null}
      {event.status === "cancelled" ? (
        <div className="usa-alert usa-alert--error" role="status">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">This event has been cancelled</h2>
            {event.cancellationMessage ? <p className="usa-alert__text">{event.cancellationMessage}</p> : null}
          </div>
        </div>
      ) : null}

      <h1>{event.title}</h1>
      <p className="usa-intro">{event.summary}</p>
      <EventTags event={event} />

      <div className="grid-row grid-gap-lg margin-top-3">
        <div className="tablet:grid-col-8">
          <Markdown source={event.body} />
        </div>
        <aside className="tablet:grid-col-4" aria-labelledby="event-details-heading">
          <div className="usa-summary-box">
            <div className="usa-summary-box__body">
              <h2 id="event-details-heading" className="usa-summary-box__heading">
                Event details
              </h2>
              <dl className="usa-summary-box__text">
                <dt className="text-bold">When</dt>
                <dd className="margin-left-0 margin-bottom-1">
                  <time dateTime={event.startsAt.toISOString()}>
                    {when.date}
                    <br />
                    {when.time}
                  </time>
                  {viewerWhen ? (
                    <>
                      <br />
                      <span className="font-body-2xs">
                        Your time: {viewerWhen.date}, {viewerWhen.time}
                      </span>
                    </>
                  ) : null}
                </dd>
                {event.location ? (
                  <>
                    <dt className="text-bold">Where</dt>
                    <dd className="margin-left-0 margin-bottom-1">{event.location}</dd>
                  </>
                ) : null}
                {event.format !== "in_person" ? (
                  <>
                    <dt className="text-bold">Online</dt>
                    <dd className="margin-left-0 margin-bottom-1" data-testid="join-link">
                      {state.joinUrl ? (
                        <a href={state.joinUrl} className="usa-link" rel="noopener noreferrer">
                          Join the session
                        </a>
                      ) : (
                        "The join link is shared with members who are going."
                      )}
                    </dd>
                  </>
                ) : null}
                {availability ? (
                  <>
                    <dt className="text-bold">Seats</dt>
                    <dd className="margin-left-0 margin-bottom-1">{availability}</dd>
                  </>
                ) : null}
              </dl>
              {rsvpClosedReason ? <p>{rsvpClosedReason}</p> : null}
              {event.status === "published" && !rsvpClosedReason && !viewer ? (
                <Link className="usa-button" href={`/signin?callbackUrl=${encodeURIComponent(`/events/${event.slug}`)}`}>
                  Sign in to RSVP
                </Link>
              ) : null}
              {event.status === "published" && !rsvpClosedReason && viewer && !viewer.hasJoined ? (
                <Link className="usa-button" href={`/join?next=${encodeURIComponent(`/events/${event.slug}`)}`}>
                  Finish joining to RSVP
                </Link>
              ) : null}
              {event.status === "published" && viewer?.hasJoined && (!rsvpClosedReason || state.rsvp) ? (
                <RsvpPanel eventId={event.id} slug={event.slug} rsvp={state.rsvp} full={full} />
              ) : null}
              <AddToCalendar event={event} />
              {state.canManage ? (
                <p className="margin-top-2">
                  <Link href={`/manage/events/${event.id}`} className="usa-link">
                    Manage this event
                  </Link>
                </p>
              ) : null}
            </div>
          </div>

          {eventResources.length > 0 ? (
            <section aria-labelledby="resources-heading" className="margin-top-3">
              <h2 id="resources-heading" className="font-heading-md">
                Slides, recordings and resources
              </h2>
              <ul className="usa-list">
                {eventResources.map((resource) => (
                  <li key={resource.id}>
                    {resource.href ? (
                      <a href={resource.href} className="usa-link">
                        {resource.title}
                      </a>
                    ) : (
                      resource.title
                    )}{" "}
                    <span className="usa-tag bg-base-dark">{resource.type}</span>
                  </li>
                ))}
              </ul>
              {viewer?.hasJoined ? null : (
                <p className="font-body-2xs">
                  <Link href={`/signin?callbackUrl=${encodeURIComponent(`/events/${event.slug}`)}`} className="usa-link">
                    Sign in
                  </Link>{" "}
                  to open the community&rsquo;s resources.
                </p>
              )}
            </section>
          ) : null}

          {event.hosts.length > 0 ? (
            <section aria-labelledby="hosts-heading" className="margin-top-3">
              <h2 id="hosts-heading" className="font-heading-md">
                Hosts and speakers
              </h2>
              <ul className="usa-list usa-list--unstyled">
                {event.hosts.map((host) => (
                  <li key={`${host.name}-${host.role}`} className="margin-bottom-1">
                    <strong>{host.name}</strong>
                    <br />
                    {host.role}
                    {host.agency ? `, ${host.agency}` : ""}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
