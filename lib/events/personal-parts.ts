import "server-only";
import { accommodationDeadline, getOwnAccommodationRequest, type OwnAccommodationRequest } from "@/lib/accommodations/requests";
import { listEventResources, type EventResource } from "@/lib/resources/queries";
import { formatEventWhen, formatShortStart, zonesDiffer } from "@/lib/time";
import type { Viewer } from "@/lib/viewer";
import { getEventBySlug, getViewerEventState, type EventDetail, type RsvpView, type ViewerEventState } from "./queries";
import { rsvpAreaFor, type RsvpArea } from "./rsvp-area";

/**
 * Everything on an event page that depends on who is looking: what the per-request page
 * renders on the server, and what the cached page (the same bytes for everyone) fetches
 * for the signed-in viewer from /api/me. One rule for both, so the two cannot drift.
 */
export type PersonalEventParts = {
  rsvpView: RsvpView;
  area: RsvpArea;
  audienceRefusal: string | null;
  canManage: boolean;
  /** The event's time in the viewer's own zone, when that differs from the event's. */
  viewerWhen: { date: string; time: string } | null;
  /** The member's own accommodation request and its deadline, when the form shows. */
  accommodation: { request: OwnAccommodationRequest | null; deadlineText: string; pastDeadline: boolean } | null;
  /** The event's resources with the links this viewer may open (none for someone who has not joined). */
  resources: EventResource[];
  canOpenResources: boolean;
};

export async function personalEventParts(event: EventDetail, viewer: Viewer | null, now = new Date()): Promise<PersonalEventParts> {
  // One query for the viewer's state (RSVP, place, join link, seats, invite), and their accommodation request beside it.
  const [state, resources, request] = await Promise.all([
    getViewerEventState({ eventId: event.id, viewer }),
    listEventResources({ eventId: event.id, viewer }),
    getOwnAccommodationRequest(viewer, event.id),
  ]);
  const area = rsvpAreaFor(event, viewer, state, now);
  return {
    rsvpView: rsvpViewOf(state, event),
    area,
    audienceRefusal: state.audienceRefusal,
    canManage: state.canManage,
    viewerWhen: viewer && zonesDiffer(event.timeZone, viewer.timeZone, event.startsAt) ? formatEventWhen(event.startsAt, event.endsAt, viewer.timeZone) : null,
    accommodation: area.accommodation ? { request, ...accommodationDeadlineCopy(event, now) } : null,
    resources,
    canOpenResources: Boolean(viewer?.hasJoined),
  };
}

/** The personal parts of the event at /events/<slug>, or null when this viewer may not see that event (unknown, or a draft). */
export async function personalPartsForSlug(slug: string, viewer: Viewer | null): Promise<PersonalEventParts | null> {
  const event = await getEventBySlug({ slug, viewer });
  return event ? personalEventParts(event, viewer) : null;
}

function rsvpViewOf(state: ViewerEventState, event: EventDetail): RsvpView {
  return { rsvp: state.rsvp, joinUrl: state.joinUrl, goingCount: state.goingCount ?? event.goingCount, hasInvite: state.hasInvite };
}

/** When an accommodation request still counts as on time, as the form says it. */
export function accommodationDeadlineCopy(event: { startsAt: Date; timeZone: string }, now = new Date()) {
  const deadline = accommodationDeadline(event.startsAt);
  return { deadlineText: `Ask by ${formatShortStart(deadline, event.timeZone)} so the organizers have time to arrange it.`, pastDeadline: now > deadline };
}
