import "server-only";
import { and, eq, like, ne, or } from "drizzle-orm";
import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import type { Tx } from "@/db";
import { events } from "@/db/schema";

const MAX_TITLE_PART = 30;

/** "Plain Language for Social Media" on Dec 3 → "plain-language-for-social-2026-12-03": short enough to read and share. */
export function slugBase(title: string, startsAt: Date, timeZone: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let part = "";
  for (const word of words) {
    const next = part ? `${part}-${word}` : word;
    if (next.length > MAX_TITLE_PART && part) break;
    part = next.slice(0, MAX_TITLE_PART);
  }
  return `${part || "event"}-${format(startsAt, "yyyy-MM-dd", { in: tz(timeZone) })}`;
}

/** True when `slug` is `base` or one of its numbered variants, so an unchanged title keeps its slug. */
export function slugHasBase(slug: string, base: string): boolean {
  return slug === base || new RegExp(`^${base}-\\d+$`).test(slug);
}

/** The base itself when free, else the first free `-2`, `-3`…; the unique index settles any race. */
export async function freeSlug(tx: Tx, base: string, exceptEventId?: string): Promise<string> {
  // A base holds only [a-z0-9-], so it has no LIKE wildcards to escape.
  const taken = await tx
    .select({ slug: events.slug })
    .from(events)
    .where(and(or(eq(events.slug, base), like(events.slug, `${base}-%`)), exceptEventId ? ne(events.id, exceptEventId) : undefined));
  const used = new Set(taken.map((row) => row.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Two organizers saving the same title at once: the loser retries with the next number. */
export async function retryOnSlugClash<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isSlugClash(error)) throw error;
    }
  }
}

function isSlugClash(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name, constraint, message } = e as Record<string, unknown>;
    if (code === "23505" && (constraint_name === "events_slug_key" || constraint === "events_slug_key" || String(message).includes("events_slug_key")))
      return true;
  }
  return false;
}
