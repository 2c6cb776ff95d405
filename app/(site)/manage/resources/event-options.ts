import "server-only";
import type { AttachableEvent } from "@/lib/resources/organizer";
import { formatShortStart } from "@/lib/time";

export type EventOption = { value: string; label: string };

/** The event select's options: "none" first, then each event with its date so same-named sessions differ. */
export function eventOptions(events: AttachableEvent[]): EventOption[] {
  return [
    { value: "", label: "Not attached to an event" },
    ...events.map((event) => ({
      value: event.id,
      label: `${event.title} (${formatShortStart(event.startsAt, event.timeZone)}${event.status === "published" ? "" : `, ${event.status}`})`,
    })),
  ];
}
