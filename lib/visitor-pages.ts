/**
 * The pages a visitor without a session gets from Next's cache. proxy.ts sends
 * a cookie-less GET for one of these public addresses to its twin under
 * /visitor, a tree that never reads the session and so can be prerendered on
 * first request and kept until an edit expires its tags (lib/cache/shared-cache.ts).
 * Anyone with a session cookie gets the per-request pages in app/(site).
 */
export const VISITOR_PREFIX = "/visitor";

// Event slugs are lower-case words and a date (lib/events/slug.ts); anything else is not an event and is not cached.
const EVENT_SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

export type VisitorView = { kind: "home" } | { kind: "events" } | { kind: "event"; slug: string };

/** The cached twin of a public address, or null when the address has none. */
export function visitorPathFor(pathname: string): string | null {
  if (pathname === "/") return `${VISITOR_PREFIX}/home`;
  if (pathname === "/events") return `${VISITOR_PREFIX}/events`;
  const slug = /^\/events\/([^/]+)$/.exec(pathname)?.[1];
  return slug && EVENT_SLUG.test(slug) ? `${VISITOR_PREFIX}/events/${slug}` : null;
}

/** The segments under /visitor back to the page they stand for. */
export function visitorViewOf(segments: string[]): VisitorView | null {
  if (segments.length === 1 && segments[0] === "home") return { kind: "home" };
  if (segments.length === 1 && segments[0] === "events") return { kind: "events" };
  if (segments.length === 2 && segments[0] === "events" && EVENT_SLUG.test(segments[1]!)) return { kind: "event", slug: segments[1]! };
  return null;
}
