const formatLabels: Record<string, string> = { virtual: "Virtual", in_person: "In person", hybrid: "Hybrid" };
const kindLabels: Record<string, string> = {
  educational: "Educational",
  networking: "Networking",
  workshop: "Workshop",
  office_hours: "Office hours",
};

export function formatLabel(format: string) {
  return formatLabels[format] ?? format;
}

export function kindLabel(kind: string) {
  return kindLabels[kind] ?? kind;
}

/** Seats left, "Waitlist" when full, nothing for unlimited events. */
export function availabilityLabel(capacity: number | null, goingCount: number): string | null {
  if (capacity === null) return null;
  const left = capacity - goingCount;
  return left > 0 ? `${left} ${left === 1 ? "seat" : "seats"} left` : "Full: join the waitlist";
}

export function EventTags({
  event,
}: {
  event: { kind: string; format: string; status: string; capacity: number | null; goingCount: number };
}) {
  const availability = event.status === "published" ? availabilityLabel(event.capacity, event.goingCount) : null;
  return (
    <p className="margin-y-05">
      {event.status === "cancelled" ? <span className="usa-tag bg-secondary-dark margin-right-05">Cancelled</span> : null}
      <span className="usa-tag bg-primary-darker margin-right-05">{formatLabel(event.format)}</span>
      <span className="usa-tag bg-base-darker margin-right-05">{kindLabel(event.kind)}</span>
      {availability ? <span className="usa-tag bg-accent-cool-darker">{availability}</span> : null}
    </p>
  );
}
