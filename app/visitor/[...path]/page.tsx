import type { Metadata } from "next";
import { twinMetadata, TwinView } from "@/app/_components/twin-view";

/**
 * Home, /events and event pages as a visitor without a session sees them
 * (lib/visitor-pages.ts routes them here). Rendered on the first request, then
 * served from Next's cache until their data's tags expire (app/_components/twin-view.tsx).
 * The time limit moves "upcoming" along with the clock.
 */
export const revalidate = 60;

// Nothing is prerendered at build time, when there may be no database to read.
export function generateStaticParams(): { path: string[] }[] {
  return [];
}

type Props = { params: Promise<{ path: string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return twinMetadata((await params).path);
}

export default async function VisitorPage({ params }: Props) {
  return <TwinView segments={(await params).path} personal={false} />;
}
