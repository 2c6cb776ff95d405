import { assertSearchText } from "@/lib/search/control-characters";

/** Longest search text we look at; anything past it cannot narrow a directory search further. */
export const MAX_SEARCH_LENGTH = 100;

/**
 * An ILIKE pattern that matches `query` anywhere, with the person's `%`, `_` and
 * `\` taken literally (backslash is Postgres's default LIKE escape), so "100%"
 * does not turn into a wildcard that matches everyone.
 */
export function containsPattern(query: string): string {
  const escaped = query.replace(/[\\%_]/g, (character) => `\\${character}`);
  return `%${escaped}%`;
}

/** Trimmed and bounded search text, or null when there is nothing to search for; control characters are refused (400). */
export function normalizeSearch(query: string | null | undefined): string | null {
  assertSearchText(query);
  const trimmed = (query ?? "").trim().slice(0, MAX_SEARCH_LENGTH);
  return trimmed === "" ? null : trimmed;
}

/** Page numbers from a URL are untrusted: whole, at least 1, at most `max`. */
export function clampPage(page: number, max: number): number {
  if (!Number.isFinite(page)) return 1;
  return Math.min(Math.max(1, Math.trunc(page)), max);
}
