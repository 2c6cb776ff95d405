import { eventCalendarResponse } from "@/lib/calendar/feeds";

// Read per request: the ETag lets browsers and caches skip the body when nothing changed.
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return eventCalendarResponse(request, { slug });
}
