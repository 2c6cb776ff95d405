import type { Metadata } from "next";
import { requireRolePage } from "@/lib/auth/guards";
import { eventFormValues } from "@/lib/events/event-schema";
import { updateEventAction } from "../../actions";
import { EventForm } from "../../event-form";
import { loadEventOr404 } from "../../load-event";
import { EventBreadcrumbs } from "../../event-breadcrumbs";

export const metadata: Metadata = { title: "Edit event" };

type Props = { params: Promise<{ id: string }> };

export default async function EditEventPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireRolePage(`/manage/events/${id}/edit`, ["organizer", "admin"]);
  const event = await loadEventOr404(viewer, id);
  return (
    <div className="grid-container usa-section">
      <EventBreadcrumbs event={event} current="Edit" />
      <h1>Edit event</h1>
      {event.status === "cancelled" ? (
        <div className="usa-alert usa-alert--info">
          <div className="usa-alert__body">
            <p className="usa-alert__text">This event was cancelled, so it can&rsquo;t be edited. Duplicate it to schedule it again.</p>
          </div>
        </div>
      ) : (
        <>
          {event.status === "published" ? (
            <p className="usa-intro">
              This event is published. If you change when or where it happens, the {event.goingCount} {event.goingCount === 1 ? "person" : "people"} going get
              an updated invitation by email.
            </p>
          ) : null}
          <EventForm action={updateEventAction.bind(null, event.id)} defaults={eventFormValues(event)} submitLabel="Save changes" />
        </>
      )}
    </div>
  );
}
