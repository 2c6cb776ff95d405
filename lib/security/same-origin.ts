/**
 * Route handlers get no CSRF protection from Next (server actions do), so a form on
 * another site could otherwise post a file with an organizer's cookies. Browsers
 * always send Origin on a POST; it must name this host. Behind a proxy the host the
 * browser used arrives as X-Forwarded-Host, as Next itself assumes for server actions.
 */
export function isSameOriginRequest(request: Request): boolean {
  if (request.headers.get("sec-fetch-site") === "cross-site") return false;
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return false;
  const host = (request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host)
    .split(",")[0]!
    .trim()
    .toLowerCase();
  try {
    return new URL(origin).host.toLowerCase() === host;
  } catch {
    return false;
  }
}
