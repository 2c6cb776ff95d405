import "server-only";
import { AppError, isAppError } from "@/lib/errors";
import { withSecurityHeaders } from "@/lib/security/headers";

/**
 * How the records routes answer. A download carries personal data, so nothing may keep a copy
 * (`no-store`), it is always an attachment, and the site's security headers come with it.
 */
export function downloadResponse({ filename, contentType, stream }: { filename: string; contentType: string; stream: ReadableStream<Uint8Array> }) {
  // File names are built from slugs ([a-z0-9-]) and digits, so they need no escaping.
  return withSecurityHeaders(
    new Response(stream, {
      headers: {
        "Content-Type": contentType,
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    }),
  );
}

/**
 * An export is audited when it starts, so another site must not be able to start one with an
 * admin's cookies (a top-level GET carries a Lax cookie): browsers say `Sec-Fetch-Site: cross-site`
 * for that, and it is refused. A direct request (no such header) is judged by its session alone.
 */
export function assertNotCrossSite(request: Request) {
  if (request.headers.get("sec-fetch-site") === "cross-site") {
    throw new AppError("forbidden", "Start records exports from Convene's own pages.");
  }
}

/** lib/'s refusals as HTTP; anything else is a bug and is rethrown. */
export function refusalResponse(error: unknown): Response {
  if (!isAppError(error)) throw error;
  return withSecurityHeaders(error.toResponse({ "Cache-Control": "no-store" }));
}
