import type { Metadata } from "next";
import { parseResourcesQuery, ResourcesContent } from "@/app/_components/resources-content";
import { getViewer } from "@/lib/auth/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Resources" };

type Search = Record<string, string | string[] | undefined>;

/** The library per request: searches, filters and later pages, and browsers that do not run script (proxy.ts). */
export default async function ResourcesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const [raw, viewer] = await Promise.all([searchParams, getViewer()]);
  return <ResourcesContent query={parseResourcesQuery(raw)} viewer={viewer} />;
}
