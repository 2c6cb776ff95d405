import Link from "next/link";
import { EventTags } from "@/components/event-tags";
import { AddToCalendar } from "@/app/_components/add-to-calendar";
import { hasCalendarInvite } from "@/lib/calendar/own-copy";
import { getViewerEventState, type EventDetail } from "@/lib/events/queries";
import { listEventResources } from "@/lib/resources/queries";
import type { Viewer } from "@/lib/viewer";
import { JoinLinkFact, RsvpPanel, RsvpProvider, SeatsFact } from "@/app/_components/rsvp-panel";
import { formatEventWhen, zonesDiffer } from "@/lib/time";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { EventColumns, EventDetailsBox } from "@/components/event-details-box";
import { EventHosts } from "@/components/event-hosts";
import { AccommodationRequest } from "@/app/_components/accommodation-request";
import { EventFact } from "@/components/event-fact";
import { describeAudience } from "@/lib/events/audience";

/**
 * One event's page. With no viewer it is what every visitor sees and may be
 * cached (app/visitor); with one, their RSVP, join link and time zone are added.
 */
export async function EventDetailContent({ event, viewer }: { event: EventDetail; viewer: Viewer | null }) {
  const when = formatEventWhen(event.startsAt, event.endsAt, event.timeZone);
  const viewerWhen =
    viewer && zonesDiffer(event.timeZone, viewer.timeZone, event.startsAt) ? formatEventWhen(event.startsAt, event.endsAt, viewer.timeZone) : null;
  const [state, eventResources, hasInvite] = await Promise.all([
    getViewerEventState({ eventId: event.id, viewer }),
    listEventResources({ eventId: event.id, viewer }),
    hasCalendarInvite(viewer, event.id),
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
  const rsvpView = { rsvp: state.rsvp, joinUrl: state.joinUrl, goingCount: state.goingCount ?? event.goingCount, hasInvite };
  // registry: who may attend, for everyone; why not, for a member outside it who holds no RSVP (lib/ refuses one too).
  const audience = describeAudience(event);
  const holdsRsvp = state.rsvp !== null && state.rsvp.status !== "cancelled";
  const outsideAudience = event.status === "published" && !rsvpClosedReason && viewer?.hasJoined && state.audienceRefusal && !holdsRsvp;

  return (
    <div className="grid-container usa-section">
      <Breadcrumbs trail={[{ href: "/events", label: "Events" }]} current={event.title} />

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

      <EventColumns body={event.body}>
        <RsvpProvider initial={rsvpView} capacity={event.capacity}>
          <EventDetailsBox
            startsAt={event.startsAt}
            when={when}
            viewerWhen={viewerWhen}
            location={event.location}
            after={
              <>
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
                {outsideAudience ? (
                  <div className="usa-alert usa-alert--info usa-alert--slim margin-top-2" data-testid="audience-refusal">
                    <div className="usa-alert__body">
                      <p className="usa-alert__text">{state.audienceRefusal}</p>
                    </div>
                  </div>
                ) : null}
                {event.status === "published" && viewer?.hasJoined && (!rsvpClosedReason || state.rsvp) && !outsideAudience ? (
                  <RsvpPanel eventId={event.id} />
                ) : null}
                {/* accommodations: the member's own request, per request only (the cached twin has no viewer). */}
                {event.status === "published" && viewer?.hasJoined && event.startsAt > now && (!rsvpClosedReason || state.rsvp) && !outsideAudience ? (
                  <AccommodationRequest viewer={viewer} event={event} />
                ) : null}
                <AddToCalendar event={event} />
                {event.seriesId ? (
                  // series: every date of a recurring event, and one RSVP for all of them.
                  <p className="margin-top-2">
                    <Link href={`/series/${event.seriesId}`} className="usa-link">
                      All dates in this series
                    </Link>
                  </p>
                ) : null}
                {state.canManage ? (
                  <p className="margin-top-2">
                    <Link href={`/manage/events/${event.id}`} className="usa-link">
                      Manage this event
                    </Link>
                  </p>
                ) : null}
              </>
            }
          >
            {event.format !== "in_person" ? <JoinLinkFact /> : null}
            <SeatsFact />
            {audience ? (
              <EventFact label="Who may attend" data-testid="event-audience">
                {audience}
              </EventFact>
            ) : null}
          </EventDetailsBox>
        </RsvpProvider>

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
                  {/* captions: a recording's captions and transcript are on its own page. */}
                  {resource.href && resource.type === "recording" ? (
                    <>
                      {" "}
                      <Link href={`/resources/${resource.id}`} className="usa-link">
                        Captions and transcript<span className="usa-sr-only"> for {resource.title}</span>
                      </Link>
                    </>
                  ) : null}
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

        <EventHosts hosts={event.hosts} />
      </EventColumns>
    </div>
  );
}
