import { z } from "zod";

/** The door's search box: at most this many characters; longer is cut, not refused (it is a GET). */
export const ATTENDEE_QUERY_MAX = 100;

/** ?q= from the attendees page's address: a string (the first if repeated), trimmed and capped; anything else is no search. */
export const attendeeQuerySchema = z
  .union([z.string(), z.array(z.string()).transform((values) => values[0] ?? "")])
  .optional()
  .transform((value) => (value ?? "").trim().slice(0, ATTENDEE_QUERY_MAX));

/** Lower case, accents dropped, runs of space collapsed: "José  Ruiz" is found by "jose ruiz". */
function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Whether a person matches what the organizer at the door typed: every word of the query
 * appears in their name or email, in any order ("ruiz ana" finds Ana Ruiz). An empty query matches everyone.
 */
export function matchesAttendee(person: { name: string | null; email: string }, query: string): boolean {
  const words = fold(query).split(" ").filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold(`${person.name ?? ""} ${person.email}`);
  return words.every((word) => haystack.includes(word));
}
