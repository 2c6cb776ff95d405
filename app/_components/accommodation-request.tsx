import { ACCOMMODATION_OTHER_MAX } from "@/lib/accommodations/request-schema";
import { accommodationDeadline, getOwnAccommodationRequest, type OwnAccommodationRequest } from "@/lib/accommodations/requests";
import { formatShortStart } from "@/lib/time";
import type { Viewer } from "@/lib/viewer";
import { AccommodationForm } from "./accommodation-form";

/**
 * The member's own accommodation request for one event (never anyone else's): read per request for the
 * viewer, so it only appears on per-request pages (the event page with a session, My events), never on
 * the cached visitor twin, which has no viewer. Must sit inside an RsvpProvider.
 */
export async function AccommodationRequest({
  viewer,
  event,
  request,
  headingLevel,
}: {
  viewer: Viewer;
  event: { id: string; startsAt: Date; timeZone: string };
  /** Already read (My events reads all of them at once); read here otherwise. */
  request?: OwnAccommodationRequest | null;
  headingLevel?: 2 | 3 | 4;
}) {
  const own = request !== undefined ? request : await getOwnAccommodationRequest(viewer, event.id);
  const deadline = accommodationDeadline(event.startsAt);
  return (
    <AccommodationForm
      eventId={event.id}
      initial={own}
      deadlineText={`Ask by ${formatShortStart(deadline, event.timeZone)} so the organizers have time to arrange it.`}
      pastDeadline={new Date() > deadline}
      otherMax={ACCOMMODATION_OTHER_MAX}
      headingLevel={headingLevel}
    />
  );
}
