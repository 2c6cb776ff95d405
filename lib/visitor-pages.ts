/**
 * The pages served from Next's cache. proxy.ts sends a cookie-less GET for one of
 * these public addresses to its twin under /visitor, and the same GET from a signed-in
 * browser that runs script to its twin under /signed-in: two trees that never read
 * the session, so each page is rendered once and kept until an edit expires its tags
 * (lib/cache/shared-cache.ts). The signed-in twin is the same for every member; what
 * is theirs comes from /api/me in the browser. Anyone else gets the per-request pages
 * in app/(site).
 */
export const VISITOR_PREFIX = "/visitor";
export const SIGNED_IN_PREFIX = "/signed-in";

// Event slugs are lower-case words and a date (lib/events/slug.ts); anything else is not an event and is not cached.
const EVENT_SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

export type VisitorView = { kind: "home" } | { kind: "events" } | { kind: "resources" } | { kind: "event"; slug: string };

/** The cached twin of a public address in the tree under `prefix`, or null when the address has none. */
export function visitorPathFor(pathname: string, prefix: string = VISITOR_PREFIX): string | null {
  if (pathname === "/") return `${prefix}/home`;
  if (pathname === "/events") return `${prefix}/events`;
  if (pathname === "/resources") return `${prefix}/resources`;
  const slug = /^\/events\/([^/]+)$/.exec(pathname)?.[1];
  return slug && EVENT_SLUG.test(slug) ? `${prefix}/events/${slug}` : null;
}

/** The segments under /visitor back to the page they stand for. */
export function visitorViewOf(segments: string[]): VisitorView | null {
  if (segments.length === 1 && segments[0] === "home") return { kind: "home" };
  if (segments.length === 1 && segments[0] === "events") return { kind: "events" };
  if (segments.length === 1 && segments[0] === "resources") return { kind: "resources" };
  if (segments.length === 2 && segments[0] === "events" && EVENT_SLUG.test(segments[1]!)) return { kind: "event", slug: segments[1]! };
  return null;
}
