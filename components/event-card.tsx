import Link from "next/link";
import { formatShortStart, zonesDiffer } from "@/lib/time";
import type { EventFormat, EventKind, EventStatus } from "@/lib/events/vocabulary";
import { EventTags } from "./event-tags";

export type EventCardData = {
  slug: string;
  title: string;
  summary: string;
  kind: EventKind;
  format: EventFormat;
  status: EventStatus;
  startsAt: Date;
  timeZone: string;
  capacity: number | null;
  goingCount: number;
};

/** `viewerTime`: the "Your time" line drawn elsewhere (a cached page learns the viewer's zone in the browser). */
export function EventCard({ event, viewerTimeZone, viewerTime }: { event: EventCardData; viewerTimeZone?: string; viewerTime?: React.ReactNode }) {
  const showViewerTime = viewerTimeZone && zonesDiffer(event.timeZone, viewerTimeZone, event.startsAt);
  return (
    <li className="usa-card tablet:grid-col-6 desktop:grid-col-4">
      <div className="usa-card__container">
        <div className="usa-card__header">
          <h3 className="usa-card__heading">
            <Link href={`/events/${event.slug}`} className="usa-link">
              {event.title}
            </Link>
          </h3>
        </div>
        <div className="usa-card__body">
          <p className="margin-y-05 text-bold">
            <time dateTime={event.startsAt.toISOString()}>{formatShortStart(event.startsAt, event.timeZone)}</time>
          </p>
          {viewerTime ?? (showViewerTime ? <p className="margin-y-05 font-body-2xs">Your time: {formatShortStart(event.startsAt, viewerTimeZone)}</p> : null)}
          <EventTags event={event} />
          <p>{event.summary}</p>
        </div>
      </div>
    </li>
  );
}
