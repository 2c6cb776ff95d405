import "server-only";
import { revalidateTag, unstable_cache } from "next/cache";

/**
 * Tags for data every visitor sees alike. A tag names what a change touches:
 * `events` for anything listed (lists, topics, the community feed), `event:<id>`
 * and `event-slug:<slug>` for one event page, `resources` for the library and
 * the resources shown on event pages, `members` for the member count.
 */
export const cacheTags = {
  events: "events",
  event: (id: string) => `event:${id}`,
  eventSlug: (slug: string) => `event-slug:${slug}`,
  resources: "resources",
  members: "members",
} as const;

/**
 * How long a cached read or visitor page stays fresh. With REDIS_URL set, every
 * instance shares one cache (lib/cache/redis-cache-handler.mjs) and tag expiry is
 * kept there, so an edit through one instance reaches every instance's next
 * request; this is then only how far "upcoming" lags the clock. Without it, expiry
 * by tag reaches only this process's cache, and where several instances share one
 * database, an edit reaches the others' visitors within this many seconds.
 */
export const SHARED_CACHE_SECONDS = 60;

// unstable_cache stores JSON, so Dates come back as strings; these keys are turned back.
const DATE_KEYS = new Set(["startsAt", "endsAt", "rsvpDeadline", "createdAt", "updatedAt", "lastModified"]);

function reviveDates<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reviveDates) as T;
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    out[key] = DATE_KEYS.has(key) && typeof field === "string" ? new Date(field) : reviveDates(field);
  }
  return out as T;
}

/** Outside `next start`/`next dev` (Vitest, scripts) there is no cache to use: the function just runs. */
function isOutsideNext(error: unknown) {
  return error instanceof Error && /incrementalCache missing|static generation store missing/.test(error.message);
}

/**
 * Next's data cache (shared by every request of this server, never per person)
 * around a read whose result is the same for every viewer. Only pass functions
 * that take no viewer and return nothing personal. Every distinct argument list is
 * an entry in Next's in-memory LRU (next.config.ts), where it can push out the
 * pages visitors need (with REDIS_URL, an entry in Redis), so never key by what a
 * visitor types or by the clock.
 */
export function sharedCache<Args extends unknown[], Result>(
  read: (...args: Args) => Promise<Result>,
  key: string,
  { tags, revalidate }: { tags: (...args: Args) => string[]; revalidate: number },
): (...args: Args) => Promise<Result> {
  return async (...args: Args) => {
    const cached = unstable_cache(read, [key], { tags: tags(...args), revalidate });
    try {
      return reviveDates(await cached(...args));
    } catch (error) {
      if (isOutsideNext(error)) return read(...args);
      throw error;
    }
  };
}

/**
 * Expires tags at once (not stale-while-revalidate): after an edit, the next
 * visitor gets the new event. Called after the transaction commits, so a request
 * in between cannot cache the old row again. Does nothing outside a request
 * (Vitest, scripts), where there is no cache to expire. In a server action it
 * also makes Next re-render the page in its answer.
 */
export function expireTags(tags: string[]) {
  revalidateEach(tags, { expire: 0 });
}

/**
 * Marks tags stale: the next reader gets the old entry once while a fresh one is
 * built behind it (a page being rebuilt waits for fresh data rather than keep
 * stale rows). For changes many people make at once, such as RSVPs, where a
 * seat count one request behind is fine and a page render per change is not:
 * unlike expireTags, it does not make a server action re-render its page.
 */
export function staleTags(tags: string[]) {
  revalidateEach(tags, { expire: SHARED_CACHE_SECONDS });
}

function revalidateEach(tags: string[], profile: { expire: number }) {
  for (const tag of new Set(tags)) {
    try {
      revalidateTag(tag, profile);
    } catch (error) {
      if (!isOutsideNext(error)) throw error;
    }
  }
}

export function eventTags(event: { id: string; slug: string }, ...otherSlugs: string[]) {
  return [cacheTags.events, cacheTags.event(event.id), cacheTags.eventSlug(event.slug), ...otherSlugs.map(cacheTags.eventSlug)];
}
