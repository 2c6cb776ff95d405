import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { EventDetailContent } from "@/app/_components/event-detail";
import { EventsListContent, parseEventsQuery } from "@/app/_components/events-list";
import { HomeContent } from "@/app/_components/home";
import { ResourcesContent, parseResourcesQuery } from "@/app/_components/resources-content";
import { getEventBySlug } from "@/lib/events/queries";
import { visitorViewOf } from "@/lib/visitor-pages";

/**
 * The cached twins of `/`, `/events`, `/events/<slug>` and `/resources` (lib/visitor-pages.ts), for visitors
 * (app/visitor) and for signed-in members (app/signed-in, `personal`): the same compositions,
 * read through the shared data cache with no viewer, so each page inherits its data's tags and
 * an edit that expires `event:<id>` or `events` expires both twins.
 */

// Metadata and the page read the same event: one read per render.
const loadPublicEvent = cache((slug: string) => getEventBySlug({ slug, viewer: null }));

export async function twinMetadata(segments: string[]): Promise<Metadata> {
  const view = visitorViewOf(segments);
  if (view?.kind === "events") return { title: "Events" };
  if (view?.kind === "resources") return { title: "Resources" };
  if (view?.kind === "event") return { title: (await loadPublicEvent(view.slug))?.title ?? "Event not found" };
  return {};
}

export async function TwinView({ segments, personal }: { segments: string[]; personal: boolean }) {
  const view = visitorViewOf(segments);
  if (view?.kind === "home") return <HomeContent />;
  if (view?.kind === "events") return <EventsListContent query={parseEventsQuery({})} viewerTimeZone={personal ? "personal" : undefined} />;
  if (view?.kind === "resources") return <ResourcesContent query={parseResourcesQuery({})} viewer={personal ? "personal" : null} />;
  if (view?.kind === "event") {
    const event = await loadPublicEvent(view.slug);
    if (event) return <EventDetailContent event={event} viewer={personal ? "personal" : null} />;
  }
  notFound();
}
