import { personalFeedResponse } from "@/lib/calendar/feeds";

export const dynamic = "force-dynamic";

/** Serves /calendar/feed/<token>.ics: the segment arrives with its ".ics", which the lib strips. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return personalFeedResponse(request, { token });
}
