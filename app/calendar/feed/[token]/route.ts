import { personalFeedResponse } from "@/lib/calendar/feeds";
import { withSecurityHeaders } from "@/lib/security/headers";

export const dynamic = "force-dynamic";

/** Serves /calendar/feed/<token>.ics: the segment arrives with its ".ics", which the lib strips. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  // Every answer, a 404 too, names a secret URL: none may leave it in a Referer header.
  // The site's other headers are added here, since next.config.ts skips this route.
  return withSecurityHeaders(await personalFeedResponse(request, { token }), { "Referrer-Policy": "no-referrer" });
}
