import { FORMAT_LABELS, KIND_LABELS, STATUS_LABELS, type EventFormat, type EventKind, type EventStatus } from "@/lib/events/vocabulary";

/** Seats left, "Waitlist" when full, nothing for unlimited events. */
export function availabilityLabel(capacity: number | null, goingCount: number): string | null {
  if (capacity === null) return null;
  const left = capacity - goingCount;
  return left > 0 ? `${left} ${left === 1 ? "seat" : "seats"} left` : "Full: join the waitlist";
}

export function EventTags({ event }: { event: { kind: EventKind; format: EventFormat; status: EventStatus; capacity: number | null; goingCount: number } }) {
  const availability = event.status === "published" ? availabilityLabel(event.capacity, event.goingCount) : null;
  return (
    <p className="margin-y-05">
      {event.status === "cancelled" ? <span className="usa-tag bg-secondary-dark margin-right-05">{STATUS_LABELS.cancelled.tag}</span> : null}
      <span className="usa-tag bg-primary-darker margin-right-05">{FORMAT_LABELS[event.format].tag}</span>
      <span className="usa-tag bg-base-darker margin-right-05">{KIND_LABELS[event.kind].tag}</span>
      {availability ? <span className="usa-tag bg-accent-cool-darker">{availability}</span> : null}
    </p>
  );
}
