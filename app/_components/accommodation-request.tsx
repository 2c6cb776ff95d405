import { ACCOMMODATION_OTHER_MAX } from "@/lib/accommodations/request-schema";
import { getOwnAccommodationRequest, type OwnAccommodationRequest } from "@/lib/accommodations/requests";
import { accommodationDeadlineCopy } from "@/lib/events/personal-parts";
import type { Viewer } from "@/lib/viewer";
import { AccommodationForm } from "./accommodation-form";

/**
 * The member's own accommodation request for one event (never anyone else's), on My events: read per
 * request for the viewer. (The event page has its own, from lib/events/personal-parts.ts.) Must sit
 * inside an RsvpProvider.
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
  const { deadlineText, pastDeadline } = accommodationDeadlineCopy(event);
  return (
    <AccommodationForm
      eventId={event.id}
      initial={own}
      deadlineText={deadlineText}
      pastDeadline={pastDeadline}
      otherMax={ACCOMMODATION_OTHER_MAX}
      headingLevel={headingLevel}
    />
  );
}
