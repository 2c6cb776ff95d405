import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { EventCard } from "@/components/event-card";
import { Pagination } from "@/components/pagination";
import { listPublicEvents, MAX_EVENTS_PAGE } from "@/lib/events/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Events" };

const querySchema = z.object({
  when: z.enum(["upcoming", "past"]).catch("upcoming"),
  page: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE).catch(1),
});

export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const raw = await searchParams;
  const query = querySchema.parse({ when: first(raw.when), page: first(raw.page) ?? 1 });
  const list = await listPublicEvents({ when: query.when, page: query.page });
  const heading = query.when === "upcoming" ? "Upcoming events" : "Past events";

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
      {list.items.length === 0 ? (
        <p>{query.when === "upcoming" ? "No upcoming events yet." : "No past events on this page."}</p>
      ) : (
        <ul className="usa-card-group" aria-label={heading}>
          {list.items.map((event) => (
            <EventCard key={event.id} event={event} />
          ))}
        </ul>
      )}
      <Pagination
        page={list.page}
        pageCount={list.pageCount}
        label={`${heading} pages`}
        hrefFor={(page) => `/events?${new URLSearchParams({ ...(query.when === "past" ? { when: "past" } : {}), page: String(page) })}`}
      />
    </div>
  );
}

function first(value: string | string[] | undefined) {
  return Array.isArray(value) ? value[0] : value;
}
