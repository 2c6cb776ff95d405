import { NextResponse, type NextRequest } from "next/server";

/**
 * RFC 8058 wants the unsubscribe URL in the List-Unsubscribe header to take a POST,
 * and people who open the same URL to see a page. A folder cannot hold both a page
 * and a route handler, so POSTs to it go to the handler next to the page. Routing
 * only: the handler checks the token itself.
 */
export function proxy(request: NextRequest) {
  if (request.method === "POST" && !request.headers.has("next-action")) {
    const url = request.nextUrl.clone();
    url.pathname = `${url.pathname.replace(/\/$/, "")}/one-click`;
    return NextResponse.rewrite(url);
  }
  return NextResponse.next();
}

export const config = { matcher: "/unsubscribe/:token" };
