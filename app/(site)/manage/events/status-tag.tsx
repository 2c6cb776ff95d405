import { STATUS_LABELS, type EventStatus } from "@/lib/events/vocabulary";

const colors: Record<EventStatus, string> = { draft: "bg-base-dark", published: "bg-success-darker", cancelled: "bg-secondary-dark" };

/** Where an event stands, in a tag whose colors keep AA contrast with white text. */
export function StatusTag({ status }: { status: EventStatus }) {
  return <span className={`usa-tag ${colors[status]}`}>{STATUS_LABELS[status].tag}</span>;
}
