import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { EventDetailContent } from "@/app/_components/event-detail";
import { EventsListContent, parseEventsQuery } from "@/app/_components/events-list";
import { HomeContent } from "@/app/_components/home";
import { getEventBySlug } from "@/lib/events/queries";
import { visitorViewOf } from "@/lib/visitor-pages";

/**
 * Home, /events and event pages as a visitor without a session sees them
 * (lib/visitor-pages.ts routes them here). Rendered on the first request, then
 * served from Next's cache: every read below goes through the shared data cache,
 * whose tags this page inherits, so an edit that expires `event:<id>` or
 * `events` expires the page too. The time limit moves "upcoming" along with the clock.
 */
export const revalidate = 60;

// Nothing is prerendered at build time, when there may be no database to read.
export function generateStaticParams(): { path: string[] }[] {
  return [];
}

type Props = { params: Promise<{ path: string[] }> };

// Metadata and the page read the same event: one read per render.
const loadPublicEvent = cache((slug: string) => getEventBySlug({ slug, viewer: null }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const view = visitorViewOf((await params).path);
  if (view?.kind === "events") return { title: "Events" };
  if (view?.kind === "event") return { title: (await loadPublicEvent(view.slug))?.title ?? "Event not found" };
  return {};
}

export default async function VisitorPage({ params }: Props) {
  const view = visitorViewOf((await params).path);
  if (view?.kind === "home") return <HomeContent />;
  if (view?.kind === "events") return <EventsListContent query={parseEventsQuery({})} />;
  if (view?.kind === "event") {
    const event = await loadPublicEvent(view.slug);
    if (event) return <EventDetailContent event={event} viewer={null} />;
  }
  notFound();
}
