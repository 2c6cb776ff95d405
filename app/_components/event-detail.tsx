import Link from "next/link";
import { EventTags } from "@/components/event-tags";
import { AddToCalendar } from "@/app/_components/add-to-calendar";
import type { EventDetail } from "@/lib/events/queries";
import { personalEventParts } from "@/lib/events/personal-parts";
import type { Viewer } from "@/lib/viewer";
import { JoinLinkFact, SeatsFact } from "@/app/_components/rsvp-panel";
import { formatEventWhen } from "@/lib/time";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { EventColumns, EventDetailsBox } from "@/components/event-details-box";
import { EventHosts } from "@/components/event-hosts";
import { EventFact } from "@/components/event-fact";
import { describeAudience } from "@/lib/events/audience";
import { EventPartsProvider, EventResources, ManageEventLink, RsvpArea, ViewerWhen } from "./event-personal";

/**
 * One event's page. `viewer`: who is asking, known on the server (null: a visitor, and the page may
 * be cached in app/visitor). `"personal"`: the cached page signed-in members get (app/signed-in),
 * the same bytes for all of them; their RSVP, join link, time zone and resource links come from
 * /api/me in the browser. Both draw the viewer's parts from lib/events/personal-parts.ts.
 */
export async function EventDetailContent({ event, viewer }: { event: EventDetail; viewer: Viewer | null | "personal" }) {
  const when = formatEventWhen(event.startsAt, event.endsAt, event.timeZone);
  const personal = viewer === "personal";
  // What a visitor sees of the viewer's parts: the cached pages' own, and their placeholder for a member's.
  const visitorParts = personal || !viewer ? await personalEventParts(event, null) : null;
  const server = personal ? null : viewer ? await personalEventParts(event, viewer) : visitorParts;
  // registry: who may attend, for everyone.
  const audience = describeAudience(event);

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
        <EventPartsProvider server={server} skeleton={(visitorParts ?? server)!} capacity={event.capacity}>
          <EventDetailsBox
            startsAt={event.startsAt}
            when={when}
            viewerWhen={<ViewerWhen />}
            location={event.location}
            after={
              <>
                <RsvpArea event={{ id: event.id, slug: event.slug }} />
                <AddToCalendar event={event} />
                {event.seriesId ? (
                  // series: every date of a recurring event, and one RSVP for all of them.
                  <p className="margin-top-2">
                    <Link href={`/series/${event.seriesId}`} className="usa-link">
                      All dates in this series
                    </Link>
                  </p>
                ) : null}
                <ManageEventLink eventId={event.id} />
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
          <EventResources slug={event.slug} />
        </EventPartsProvider>

        <EventHosts hosts={event.hosts} />
      </EventColumns>
    </div>
  );
}
