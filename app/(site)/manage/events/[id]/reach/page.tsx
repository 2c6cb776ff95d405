import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { ReachSections } from "@/app/_components/reach-sections";
import { requireRolePage } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { getEventReach } from "@/lib/reach/dashboard";
import { EventBreadcrumbs } from "../../event-breadcrumbs";

export const metadata: Metadata = { title: "Event reach" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One event's reach, for organizers and admins, as managing the event is (lib/reach/dashboard.ts decides). */
export default async function EventReachPage({ params, searchParams }: Props) {
  const { id } = await params;
  const viewer = await requireRolePage(`/manage/events/${id}/reach`, ["organizer", "admin"]);
  const reach = await getEventReach(viewer, id, await searchParams).catch((error: unknown) => {
    if (isAppError(error) && error.kind === "not_found") notFound();
    if (isAppError(error) && error.kind === "forbidden") forbidden();
    throw error;
  });
  const { input, event, ...dashboard } = reach;
  return (
    <div className="grid-container usa-section">
      <EventBreadcrumbs event={event} current="Reach" />
      <h1>Reach: {event.title}</h1>
      <p>
        <Link href="/manage/reach" className="usa-link">
          Community reach
        </Link>{" "}
        shows every event together.
      </p>
      <ReachSections dashboard={dashboard} input={input} action={`/manage/events/${event.id}/reach`} csvBase={`/manage/events/${event.id}/reach/csv`} />
    </div>
  );
}
