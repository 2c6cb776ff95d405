import { EventFact } from "@/components/event-fact";
import { Markdown } from "@/components/markdown";

/**
 * The "Event details" summary box of an event page, public and organizer alike: its heading
 * (which the page's aside is labelled by), the When and Where lines, then the page's own lines
 * (`children`, inside the list) and what follows the list (`after`: RSVP, calendar, links).
 */
export function EventDetailsBox({
  startsAt,
  when,
  viewerWhen,
  location,
  children,
  after,
}: {
  startsAt: Date;
  when: { date: string; time: string };
  /** The same time in the viewer's zone, when it differs from the event's (it starts with its own line break). */
  viewerWhen?: React.ReactNode;
  location: string | null;
  children?: React.ReactNode;
  after?: React.ReactNode;
}) {
  return (
    <div className="usa-summary-box">
      <div className="usa-summary-box__body">
        <h2 id="event-details-heading" className="usa-summary-box__heading">
          Event details
        </h2>
        <dl className="usa-summary-box__text">
          <EventFact label="When">
            <time dateTime={startsAt.toISOString()}>
              {when.date}
              <br />
              {when.time}
            </time>
            {viewerWhen}
          </EventFact>
          {location ? <EventFact label="Where">{location}</EventFact> : null}
          {children}
        </dl>
        {after}
      </div>
    </div>
  );
}

/**
 * An event page's two columns: the description, and beside it the aside (details box, RSVP, hosts, resources).
 * The aside comes first in the page, so on a phone, where the columns stack, When, Where and the RSVP button sit
 * right under the title instead of below the whole description; from tablet width up it is drawn on the right.
 * A screen reader meets the details before the description at every width; each column reads whole on its own.
 */
export function EventColumns({ body, children }: { body: string; children: React.ReactNode }) {
  return (
    <div className="grid-row grid-gap-lg margin-top-3">
      <aside className="tablet:grid-col-4 tablet:order-last" aria-labelledby="event-details-heading">
        {children}
      </aside>
      <div className="tablet:grid-col-8 tablet:order-first margin-top-3 tablet:margin-top-0">
        <Markdown source={body} />
      </div>
    </div>
  );
}
