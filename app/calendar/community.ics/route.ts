import { communityFeedResponse } from "@/lib/calendar/feeds";

// Read per request: subscribers poll hourly with If-None-Match, and most get a 304.
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return communityFeedResponse(request);
}
