import { getViewer } from "@/lib/auth/viewer";
import { calendarResponse, COMMUNITY_CACHE_CONTROL, getEventCalendar, notFoundResponse, PERSONAL_CACHE_CONTROL } from "@/lib/calendar/feeds";
import { getOwnEventCalendar } from "@/lib/calendar/own-copy";

// Read per request: the ETag lets browsers and caches skip the body when nothing changed.
export const dynamic = "force-dynamic";

/**
 * The event's .ics file: a member who RSVPed gets their own copy (same UID and SEQUENCE as
 * their invite, the join link when going, TENTATIVE when waitlisted), everyone else the public one.
 * Whatever a signed-in member gets is private and never stored, and every answer varies by cookie,
 * so a copy cached before signing in or RSVPing is never handed back afterwards.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await getViewer();
  const document = (viewer ? await getOwnEventCalendar(viewer, { slug }) : null) ?? (await getEventCalendar({ slug }));
  if (!document) return notFoundResponse();
  return calendarResponse(request, document, {
    cacheControl: viewer ? PERSONAL_CACHE_CONTROL : COMMUNITY_CACHE_CONTROL,
    filename: `${slug}.ics`,
    extraHeaders: { Vary: "Cookie" },
  });
}
