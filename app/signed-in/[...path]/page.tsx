import type { Metadata } from "next";
import { twinMetadata, TwinView } from "@/app/_components/twin-view";
import { NoScriptFallback } from "@/app/_components/no-script-fallback";

/**
 * Home, /events and event pages for signed-in members whose browser runs script
 * (proxy.ts, lib/visitor-pages.ts): the same bytes for every member, cached like the
 * visitor twin, with the viewer's own parts filled in from /api/me. Nothing personal is
 * rendered here, so nothing personal is cached.
 */
export const revalidate = 60;

export function generateStaticParams(): { path: string[] }[] {
  return [];
}

type Props = { params: Promise<{ path: string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return twinMetadata((await params).path);
}

export default async function SignedInPage({ params }: Props) {
  const segments = (await params).path;
  return (
    <>
      <NoScriptFallback segments={segments} />
      <TwinView segments={segments} personal />
    </>
  );
}
