import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import { EventDetailContent } from "@/app/_components/event-detail";
import { getViewer } from "@/lib/auth/viewer";
import { getEventBySlug } from "@/lib/events/queries";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

// Metadata and the page read the same event: one query per request.
const loadEvent = cache(async (slug: string) => getEventBySlug({ slug, viewer: await getViewer() }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const event = await loadEvent(slug);
  return { title: event?.title ?? "Event not found" };
}

export default async function EventPage({ params }: Props) {
  const { slug } = await params;
  const [viewer, event] = await Promise.all([getViewer(), loadEvent(slug)]);
  if (!event) notFound();
  return <EventDetailContent event={event} viewer={viewer} />;
}
