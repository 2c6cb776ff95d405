import { getViewer } from "@/lib/auth/viewer";
import { calendarResponse, eventCalendarResponse, PERSONAL_CACHE_CONTROL } from "@/lib/calendar/feeds";
import { getOwnEventCalendar } from "@/lib/calendar/own-copy";

// Read per request: the ETag lets browsers and caches skip the body when nothing changed.
export const dynamic = "force-dynamic";

/**
 * The event's .ics file: a member who RSVPed gets their own copy (same UID and SEQUENCE as
 * their invite, the join link when going, TENTATIVE when waitlisted), everyone else the public one.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await getViewer();
  const own = viewer ? await getOwnEventCalendar(viewer, { slug }) : null;
  if (own) return calendarResponse(request, own, { cacheControl: PERSONAL_CACHE_CONTROL, filename: `${slug}.ics` });
  return eventCalendarResponse(request, { slug });
}
