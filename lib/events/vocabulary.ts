import type { events } from "@/db/schema";

/**
 * The words for an event's kind, format and status, in one place. No runtime import, so
 * client components (the event form) can use it; server code gets it through
 * lib/events/model.ts. Each record is keyed by the schema's enum, so a value added to the
 * enum does not compile until it has its labels, and the key order is the order menus show.
 */

type EventRow = typeof events.$inferSelect;
export type EventKind = EventRow["kind"];
export type EventFormat = EventRow["format"];
export type EventStatus = EventRow["status"];

/** `tag` on cards and filters; `option` in the organizer's form, where a little more is said. */
export const KIND_LABELS = {
  educational: { tag: "Educational", option: "Educational session" },
  networking: { tag: "Networking", option: "Networking" },
  workshop: { tag: "Workshop", option: "Workshop" },
  office_hours: { tag: "Office hours", option: "Office hours" },
} as const satisfies Record<EventKind, { tag: string; option: string }>;

export const FORMAT_LABELS = {
  virtual: { tag: "Virtual", option: "Virtual" },
  in_person: { tag: "In person", option: "In person" },
  hybrid: { tag: "Hybrid", option: "Hybrid (in person and online)" },
} as const satisfies Record<EventFormat, { tag: string; option: string }>;

/** `tag` on one event; `plural` names a list of them (the organizer's filter). */
export const STATUS_LABELS = {
  draft: { tag: "Draft", plural: "Drafts" },
  published: { tag: "Published", plural: "Published" },
  cancelled: { tag: "Cancelled", plural: "Cancelled" },
} as const satisfies Record<EventStatus, { tag: string; plural: string }>;

const keysOf = <K extends string>(record: Record<K, unknown>) => Object.keys(record) as [K, ...K[]];

export const EVENT_KINDS = keysOf(KIND_LABELS);
export const EVENT_FORMATS = keysOf(FORMAT_LABELS);
export const EVENT_STATUSES = keysOf(STATUS_LABELS);

/** Menu options for a select, in the record's order. */
export function labelOptions<K extends string, L extends string>(record: Record<K, Record<L, string>>, label: L) {
  return keysOf(record).map((value) => ({ value, label: record[value][label] }));
}
