import type { Metadata } from "next";
import Link from "next/link";
import { requireRolePage } from "@/lib/auth/guards";
import { eventFormValues } from "@/lib/events/event-schema";
import { updateFollowingAction } from "../../actions";
import { EventForm } from "../../event-form";
import { loadEventOr404 } from "../../load-event";
import { EventBreadcrumbs } from "../../event-breadcrumbs";

export const metadata: Metadata = { title: "Edit this and following dates" };

type Props = { params: Promise<{ id: string }> };

/** series: one form for this occurrence and every later one (lib/events/series.ts, updateThisAndFollowing). */
export default async function EditFollowingPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireRolePage(`/manage/events/${id}/edit-following`, ["organizer", "admin"]);
  const event = await loadEventOr404(viewer, id);
  return (
    <div className="grid-container usa-section">
      <EventBreadcrumbs event={event} current="Edit this and following" />
      <h1>Edit this and following dates</h1>
      {!event.seriesId ? (
        <div className="usa-alert usa-alert--info">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              This event isn&rsquo;t part of a series. <Link href={`/manage/events/${event.id}/edit`}>Edit it on its own</Link>.
            </p>
          </div>
        </div>
      ) : event.status === "cancelled" ? (
        <div className="usa-alert usa-alert--info">
          <div className="usa-alert__body">
            <p className="usa-alert__text">This date was cancelled, so it can&rsquo;t be edited. Edit a later date of the series instead.</p>
          </div>
        </div>
      ) : (
        <>
          <p className="usa-intro">
            What you change here applies to this date and every later date of the series that isn&rsquo;t cancelled. A later date that was edited on its own
            keeps what was changed on it. If you move this date, the later ones move by as many days and take the new times.
          </p>
          <p>
            <Link href={`/series/${event.seriesId}`} className="usa-link">
              See every date of the series
            </Link>
          </p>
          <EventForm action={updateFollowingAction.bind(null, event.id)} defaults={eventFormValues(event)} submitLabel="Save this and following" />
        </>
      )}
    </div>
  );
}
