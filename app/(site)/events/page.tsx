import type { Metadata } from "next";
import { EventsListContent, parseEventsQuery } from "@/app/_components/events-list";
import { getViewer } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Events" };

export default async function EventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [raw, viewer] = await Promise.all([searchParams, getViewer()]);
  return <EventsListContent query={parseEventsQuery(raw)} viewerTimeZone={viewer?.timeZone} />;
}
