import { Readable } from "node:stream";
import { getViewer } from "@/lib/auth/viewer";
import { isAppError } from "@/lib/errors";
import { attachmentDisposition, DOWNLOAD_PARTS, openResourceDownload, type ResourceDownload } from "@/lib/resources/download";
import { withSecurityHeaders } from "@/lib/security/headers";

export const dynamic = "force-dynamic";

// A member's file is theirs alone: no shared cache may keep it, and no browser may
// render it as a page of this site (it is always an attachment, never sniffed).
const BASE_HEADERS = {
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
};

/**
 * A resource's file, or a redirect to its link. lib/resources/download decides who may have it.
 * Every answer keeps its own CSP and adds the site's other headers (next.config.ts skips this route).
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  return withSecurityHeaders(await answer(request, context));
}

async function answer(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  try {
    // captions: ?part=captions or ?part=transcript for a recording's; anything else is the resource itself.
    const asked = new URL(request.url).searchParams.get("part");
    const part = DOWNLOAD_PARTS.find((name) => name === asked) ?? "file";
    const download = await openResourceDownload({
      viewer: await getViewer(),
      id,
      part,
      range: request.headers.get("range"),
      ifRange: request.headers.get("if-range"),
    });
    return toResponse(download);
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.kind === "unauthenticated" && (request.headers.get("accept") ?? "").includes("text/html")) {
      // People who follow a link get the sign-in page, and come back to the library after it.
      return new Response(null, { status: 302, headers: { ...BASE_HEADERS, Location: "/signin?callbackUrl=%2Fresources" } });
    }
    return error.toResponse(BASE_HEADERS);
  }
}

function toResponse(download: ResourceDownload): Response {
  if (download.kind === "redirect") {
    return new Response(null, { status: 302, headers: { ...BASE_HEADERS, Location: download.url, "Referrer-Policy": "no-referrer" } });
  }
  if (download.kind === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...BASE_HEADERS, "Accept-Ranges": "bytes", "Content-Range": `bytes */${download.size}` } });
  }
  const { range, size } = download;
  const headers = new Headers({
    ...BASE_HEADERS,
    "Content-Type": download.mimeType.startsWith("text/") ? `${download.mimeType}; charset=utf-8` : download.mimeType,
    "Content-Disposition": attachmentDisposition(download.fileName),
    "Accept-Ranges": "bytes",
    // Next's own server drops this and sends chunked; kept for any runtime that forwards it.
    "Content-Length": String(range ? range.end - range.start + 1 : size),
  });
  if (range) headers.set("Content-Range", `bytes ${range.start}-${range.end}/${size}`);
  const body = Readable.toWeb(download.body) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status: range ? 206 : 200, headers });
}
