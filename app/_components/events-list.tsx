import Link from "next/link";
import { PersonalViewerTime } from "./personal-time";
import { z } from "zod";
import { CalendarSubscribe } from "@/components/calendar-subscribe";
import { EventCard } from "@/components/event-card";
import { EventFilterForm } from "@/components/event-filter-form";
import { Pagination } from "@/components/pagination";
import { listEventTopics, listPublicEvents, MAX_EVENTS_PAGE } from "@/lib/events/queries";
import { EVENT_FORMATS, EVENT_KINDS } from "@/lib/events/vocabulary";
import { siteUrl } from "@/lib/site";
import { firstParam } from "@/lib/search-params";

// Unknown or malformed values fall back to "no filter" instead of failing the page.
const querySchema = z.object({
  when: z.enum(["upcoming", "past"]).catch("upcoming"),
  page: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE).catch(1),
  q: z.string().trim().max(100).optional().catch(undefined),
  kind: z.enum(EVENT_KINDS).optional().catch(undefined),
  format: z.enum(EVENT_FORMATS).optional().catch(undefined),
  topic: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional()
    .catch(undefined),
});

export type EventsQuery = z.infer<typeof querySchema>;
type Search = Record<string, string | string[] | undefined>;

export function parseEventsQuery(raw: Search): EventsQuery {
  return querySchema.parse(Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, firstParam(value)])));
}

/**
 * The event list; only the time zone the dates are shown in depends on who is looking.
 * `"personal"`: the cached signed-in page, which learns the viewer's zone in the browser.
 */
export async function EventsListContent({ query, viewerTimeZone }: { query: EventsQuery; viewerTimeZone?: string | "personal" }) {
  const [list, topics] = await Promise.all([
    listPublicEvents({
      when: query.when,
      page: query.page,
      filters: { query: query.q || undefined, kind: query.kind, format: query.format, topic: query.topic },
    }),
    listEventTopics(),
  ]);
  const heading = query.when === "upcoming" ? "Upcoming events" : "Past events";
  const filtering = Boolean(query.q || query.kind || query.format || query.topic);
  const filters = { when: query.when === "past" ? "past" : undefined, q: query.q, kind: query.kind, format: query.format, topic: query.topic };

  return (
    <div className="grid-container usa-section">
      <h1>{heading}</h1>
      <p>
        {query.when === "upcoming" ? (
          <Link href="/events?when=past" className="usa-link">
            See past events and their recordings
          </Link>
        ) : (
          <Link href="/events" className="usa-link">
            Back to upcoming events
          </Link>
        )}
      </p>
      <EventFilterForm when={query.when} values={query} topics={topics} />
      <p className="margin-top-3" role="status">
        {list.total === 0
          ? filtering
            ? "No events match these filters."
            : query.when === "upcoming"
              ? "No upcoming events yet."
              : "No past events yet."
          : `${list.total} ${list.total === 1 ? "event" : "events"}${filtering ? " match" : ""}`}
      </p>
      {list.items.length > 0 ? (
        <ul className="usa-card-group" aria-label={heading}>
          {list.items.map((event) => (
            <EventCard
              key={event.id}
              event={event}
              viewerTimeZone={viewerTimeZone === "personal" ? undefined : viewerTimeZone}
              viewerTime={viewerTimeZone === "personal" ? <PersonalViewerTime startsAt={event.startsAt} eventTimeZone={event.timeZone} /> : undefined}
            />
          ))}
        </ul>
      ) : null}
      <Pagination page={list.page} pageCount={list.pageCount} label={`${heading} pages`} path="/events" filters={filters} />
      <section aria-labelledby="subscribe-heading" className="margin-top-5">
        <h2 id="subscribe-heading" className="font-heading-md">
          Subscribe to the community calendar
        </h2>
        <CalendarSubscribe feedUrl={siteUrl("/calendar/community.ics")} calendarName="Social Media Community of Practice events" />
      </section>
    </div>
  );
}
