import type { PersonalEventParts } from "@/lib/events/personal-parts";
import type { LibraryPage } from "@/lib/resources/library";
import type { HeaderViewer } from "@/lib/viewer";

/**
 * What GET /api/me answers: the signed-in viewer as the header shows them, and their part of the
 * page at `path`: an event page's, or the library's first page as they may open it. Null viewer: no
 * session (or one that has ended).
 */
export type PersonalAnswer = {
  viewer: (NonNullable<HeaderViewer> & { timeZone: string }) | null;
  event: PersonalEventParts | null;
  library: LibraryPage | null;
};

/** The per-request version of a cached address: any query string bypasses the cache (proxy.ts), and pages ignore this one. */
export function perRequestUrl(pathname: string): string {
  return `${pathname}?view=personal`;
}

/** Set by script in the browser: the proxy sends only browsers that run script to the cached signed-in pages. */
export const SCRIPT_COOKIE = "convene-js";
