import type { ACCOMMODATION_NEEDS, accommodationRequests } from "@/db/schema";

/**
 * The words for accommodation needs and request statuses, in one place. No runtime import, so
 * client components (the member's form, the organizer's list) can use it. Each record is keyed by
 * the schema's list, so a need added there does not compile until it has its words here; the key
 * order is the order the form shows.
 */

export type AccommodationNeed = (typeof ACCOMMODATION_NEEDS)[number];
export type AccommodationStatus = (typeof accommodationRequests.$inferSelect)["status"];

export const NEED_LABELS = {
  cart: { label: "CART captioning", hint: "Live captions written by a person as the session happens." },
  asl: { label: "ASL interpretation", hint: "An American Sign Language interpreter." },
  audio_description: { label: "Audio description", hint: "What is shown on screen or in the room, described aloud." },
  materials_in_advance: { label: "Materials in advance", hint: "Slides and handouts sent before the event." },
  large_print: { label: "Large print", hint: "Printed materials in large type (in-person events)." },
} as const satisfies Record<AccommodationNeed, { label: string; hint: string }>;

/** `tag` on the organizer's list and the member's view; `option` in the organizer's status menu. */
export const ACCOMMODATION_STATUS_LABELS = {
  received: { tag: "Received", option: "Received: not arranged yet" },
  arranged: { tag: "Arranged", option: "Arranged" },
  unavailable: { tag: "Cannot arrange", option: "Cannot arrange" },
} as const satisfies Record<AccommodationStatus, { tag: string; option: string }>;

const keysOf = <K extends string>(record: Record<K, unknown>) => Object.keys(record) as [K, ...K[]];

export const NEEDS = keysOf(NEED_LABELS);
export const ACCOMMODATION_STATUSES = keysOf(ACCOMMODATION_STATUS_LABELS);

/** What the late note says, to the member and to the organizer. */
export const LATE_NOTE = "This request came in less than the usual notice before the event, so arranging it may not be possible.";
