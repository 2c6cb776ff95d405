import { Breadcrumbs, type Crumb } from "@/components/breadcrumbs";

/** The trail of a page under one managed event: Manage events, the event, then `trail`, then `current`. */
export function EventBreadcrumbs({ event, trail = [], current }: { event: { id: string; title: string }; trail?: Crumb[]; current: string }) {
  return (
    <Breadcrumbs
      trail={[{ href: "/manage/events", label: "Manage events" }, { href: `/manage/events/${event.id}`, label: event.title }, ...trail]}
      current={current}
    />
  );
}
