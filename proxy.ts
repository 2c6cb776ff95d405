import { NextResponse, type NextRequest } from "next/server";
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from "@/lib/search/control-characters";
import { getEnv } from "@/lib/env";
import { chooseRequestId, REQUEST_ID_HEADER, SAFE_REQUEST_ID } from "@/lib/log-request-id.mjs";
import { contentSecurityPolicy, newNonce, setsOwnHeaders } from "@/lib/security/headers";
import { SCRIPT_COOKIE } from "@/lib/personal-answer";
import { SIGNED_IN_PREFIX, VISITOR_PREFIX, visitorPathFor } from "@/lib/visitor-pages";

/**
 * Gives every page a fresh CSP nonce. Next reads the policy from the request
 * headers and puts the nonce on its own scripts; the browser gets the same policy.
 * A read of a public page is sent to one of its cached twins instead
 * (lib/visitor-pages.ts): the visitor's without a session cookie, the signed-in
 * member's when the browser runs script (their own parts then come from /api/me).
 * Authorization is never decided here: neither twin holds anything a visitor may
 * not see, and pages, /api/me and lib/ check the session beside the data; a forged
 * or stale cookie only changes which of the public renderings is sent.
 */
export function proxy(request: NextRequest) {
  // `npm start`'s preload (scripts/peer-address.mjs) already gave the request its id and put it on the response.
  const preloaded = request.headers.get("x-convene-request-id-source") === "preload" && SAFE_REQUEST_ID.test(request.headers.get(REQUEST_ID_HEADER) ?? "");
  if (preloaded) return route(request, undefined);
  // Without it (next dev) the id is made here, so development logs and answers have one too.
  const requestId = chooseRequestId(request.headers.get(REQUEST_ID_HEADER), getEnv().TRUSTED_PROXY_HOPS);
  const forward = new Headers(request.headers);
  forward.set(REQUEST_ID_HEADER, requestId);
  const response = route(request, forward);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

/** `forward`: request headers to hand on (the request id), or undefined to hand on the request as it came. */
function route(request: NextRequest, forward: Headers | undefined) {
  const onward = forward ? { request: { headers: forward } } : undefined;
  // Next's router answers a malformed percent-escape in a dynamic segment with a bare 500.
  if (!isDecodable(request.nextUrl.pathname)) {
    return new NextResponse("Bad request: the address is not valid.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  // lib/ refuses these too, but a page cannot answer 400 itself: without this it would render an error with a 200 or 500.
  if ([...request.nextUrl.searchParams].some(([key, value]) => hasControlCharacters(key) || hasControlCharacters(value))) {
    return new NextResponse(`Bad request: ${CONTROL_CHARACTER_MESSAGE}`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  if (isOversizedActionPost(request)) {
    return new NextResponse("Request too large: forms here accept at most 1 MB.", { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  // A page CSP set here would replace the handler's own (the download's sandbox): Next keeps the first one set.
  if (setsOwnHeaders(request.nextUrl.pathname)) return NextResponse.next(onward);
  if (isOneClickUnsubscribe(request)) {
    const url = request.nextUrl.clone();
    url.pathname = `${url.pathname.replace(/\/$/, "")}/one-click`;
    return NextResponse.rewrite(url, onward);
  }
  const twinPath = cachedTwinOf(request);
  if (twinPath) {
    const url = request.nextUrl.clone();
    url.pathname = twinPath;
    const response = NextResponse.rewrite(url, onward);
    response.headers.set("Content-Security-Policy", policyWith(null));
    return response;
  }

  const nonce = newNonce();
  const policy = policyWith(nonce);
  const requestHeaders = new Headers(forward ?? request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  // The cached trees' pages have one public address each, their twin's: asked for directly, they are a page not found.
  const response = isVisitorTreePath(request.nextUrl.pathname)
    ? NextResponse.rewrite(new URL(VISITOR_PREFIX, request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

// The configured origin is allowed too: the sign-in confirmation form goes there even when the page was opened at another (127.0.0.1 for localhost).
function policyWith(nonce: string | null): string {
  return contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === "development", formActionOrigins: [getEnv().siteOrigin, ...loginGovOrigin()] });
}

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

/**
 * A read with no query (Next's own `_rsc` cache-buster aside) is the same for every visitor, and,
 * from a browser that runs script, the same for every signed-in member too (its own parts come
 * from /api/me). A signed-in browser without script gets the per-request page, which needs none.
 */
function cachedTwinOf(request: NextRequest): string | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  if (![...request.nextUrl.searchParams.keys()].every((key) => key === "_rsc")) return null;
  if (!SESSION_COOKIES.some((name) => request.cookies.has(name))) return visitorPathFor(request.nextUrl.pathname);
  return request.cookies.get(SCRIPT_COOKIE)?.value === "1" ? visitorPathFor(request.nextUrl.pathname, SIGNED_IN_PREFIX) : null;
}

function isVisitorTreePath(pathname: string): boolean {
  return [VISITOR_PREFIX, SIGNED_IN_PREFIX].some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * RFC 8058 wants the unsubscribe URL in the List-Unsubscribe header to take a POST,
 * and people who open the same URL to see a page. A folder cannot hold both a page
 * and a route handler, so POSTs to it go to the handler beside the page. Routing
 * only: the handler checks the token itself.
 */
function isOneClickUnsubscribe(request: NextRequest): boolean {
  return request.method === "POST" && !request.headers.has("next-action") && /^\/unsubscribe\/[^/]+\/?$/.test(request.nextUrl.pathname);
}

/** Next's own 1 MB limit for server actions (its default) answers with a 500; say what happened instead. */
const ACTION_BODY_LIMIT = 1024 * 1024;

function isOversizedActionPost(request: NextRequest): boolean {
  if (request.method !== "POST" || !request.headers.has("next-action")) return false;
  return Number(request.headers.get("content-length") ?? 0) > ACTION_BODY_LIMIT;
}

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function loginGovOrigin(): string[] {
  const issuer = process.env.LOGIN_GOV_ISSUER;
  if (!issuer) return [];
  try {
    return [new URL(issuer).origin];
  } catch {
    return [];
  }
}

export const config = {
  matcher: [
    {
      // Static files need no nonce, and the upload route must stream: a proxy would buffer (and cap) its body.
      source: "/((?!_next/static|_next/image|favicon.ico|manage/resources/upload).*)",
    },
  ],
};
