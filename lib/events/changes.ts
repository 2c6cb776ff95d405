import type { EventInput } from "./event-schema";

/**
 * Change detection for an edit: which fields the organizer changed, and who must hear of it.
 * Pure, so the rules are read (and tested) apart from the transaction that applies them.
 */

export type EventField = keyof EventInput;

/** Values as they compare: instants by time, lists and hosts by content, the rest as they are. */
function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

/** The form's fields whose value differs from the saved event; every field of the form counts, new ones too. */
export function changedFields(current: Record<EventField, unknown>, input: EventInput): EventField[] {
  return (Object.keys(input) as EventField[]).filter((field) => comparable(current[field]) !== comparable(input[field]));
}

// When and where: everyone going is told by email, invite or not.
export const SCHEDULE_FIELDS: EventField[] = ["startsAt", "endsAt", "timeZone", "location", "joinUrl"];
// The rest of what a VEVENT shows (SUMMARY, DESCRIPTION, LOCATION's "Online"): calendars holding the invite are updated.
export const CALENDAR_TEXT_FIELDS: EventField[] = ["title", "summary", "format"];

/** For a published event: whether people going must be told of a new time or place, and whether calendars must update. */
export function whoHears(changed: EventField[], published: boolean) {
  const scheduleChanged = published && SCHEDULE_FIELDS.some((field) => changed.includes(field));
  // Calendars compare SEQUENCE: any change they show raises it, and is sent to them.
  const calendarChanged = published && [...SCHEDULE_FIELDS, ...CALENDAR_TEXT_FIELDS].some((field) => changed.includes(field));
  return { scheduleChanged, calendarChanged };
}

/** A raised capacity (or one removed) frees seats for the waitlist. */
export function capacityRaised(from: number | null, to: number | null): boolean {
  return from !== to && (to === null || (from !== null && to > from));
}
