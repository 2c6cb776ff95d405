/**
 * The response headers every answer carries, and the page Content-Security-Policy.
 * Pure functions so next.config.ts, proxy.ts and tests share one definition.
 */

export type CspOptions = {
  /** Null for a page served from the cache (see below), which cannot carry a per-response nonce. */
  nonce: string | null;
  development: boolean;
  /** Origins a form may post to besides our own, such as Login.gov's, whose sign-in starts with a form post that redirects there. */
  formActionOrigins?: string[];
};

/**
 * Scripts run only with this response's nonce ('strict-dynamic' lets Next's own
 * bootstrap load its chunks); nothing may frame us, change <base> or embed plugins.
 * Styles allow inline style attributes because USWDS and React set a few; a style
 * attribute cannot run script.
 *
 * A cached page (the visitor pages of lib/visitor-pages.ts) is the same bytes for
 * every response, so a nonce in it would be public and worth nothing. Next writes
 * its data as inline scripts, so those pages allow inline script from our own
 * origin and no other: the remaining risk is markup injected into an event
 * (Markdown is sanitized, React escapes the rest) running for someone who has no
 * session to steal. Every page that knows who is asking keeps the nonce.
 */
export function contentSecurityPolicy({ nonce, development, formActionOrigins = [] }: CspOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // React's development build evaluates source maps and hot updates with eval.
    "script-src": [
      "'self'",
      ...(nonce === null ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`, "'strict-dynamic'"]),
      ...(development ? ["'unsafe-eval'"] : []),
    ],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(development ? ["ws:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'", ...formActionOrigins],
    "frame-ancestors": ["'none'"],
    "frame-src": ["'none'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** Headers for every response, pages and files alike (set in next.config.ts). */
export function baseSecurityHeaders({ production }: { production: boolean }): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    {
      key: "Permissions-Policy",
      value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()",
    },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    // Browsers ignore HSTS over plain HTTP, so sending it from every production server is safe.
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}

/** A CSP nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Route handlers that set their own security headers (a sandboxed download, a secret
 * feed URL, the upload route's refusal page). Next sends a header already set by
 * next.config.ts or the proxy instead of the handler's own, so both leave these alone
 * and each handler adds the base headers itself with `withSecurityHeaders`.
 */
export const OWN_HEADER_ROUTES = ["resources/[^/]+/download", "calendar/feed/", "manage/resources/upload"];

/** next.config.ts `source`: every path except those routes (path-to-regexp takes the lookahead as is). */
export const BASE_HEADERS_SOURCE = `/((?!${OWN_HEADER_ROUTES.join("|")}).*)`;

const ownHeaderRoute = new RegExp(`^/(?:${OWN_HEADER_ROUTES.join("|")})`);

export function setsOwnHeaders(pathname: string): boolean {
  return ownHeaderRoute.test(pathname);
}

/** The upload route's policy: its only page is a short refusal with a link back, no script, style or image. */
export const UPLOAD_CSP = "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Adds every base header the response has not set itself; the handler's own values win. */
export function withSecurityHeaders(response: Response, own: Record<string, string> = {}): Response {
  for (const [name, value] of Object.entries(own)) response.headers.set(name, value);
  for (const { key, value } of baseSecurityHeaders({ production: process.env.NODE_ENV === "production" })) {
    if (!response.headers.has(key)) response.headers.set(key, value);
  }
  return response;
}
