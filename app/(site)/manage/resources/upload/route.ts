import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/viewer";
import { AppError, isAppError } from "@/lib/errors";
import { isSameOriginRequest } from "@/lib/security/same-origin";
import { receiveResourceUpload } from "@/lib/resources/upload";
import { UPLOAD_CSP, withSecurityHeaders } from "@/lib/security/headers";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * New file resources. A route handler rather than a server action because actions
 * buffer the whole body (and stop at 1 MB); this streams it to disk with the size
 * limit enforced as it arrives. The form's script asks for JSON; without script the
 * browser gets a redirect or a short page.
 */
export async function POST(request: Request) {
  // Neither the proxy (it would buffer the body) nor next.config.ts sets headers here.
  return withSecurityHeaders(await answer(request), { "Content-Security-Policy": UPLOAD_CSP });
}

async function answer(request: Request): Promise<Response> {
  const json = (request.headers.get("accept") ?? "").includes("application/json");
  if (!isSameOriginRequest(request)) {
    const refused = new AppError("forbidden", "This upload came from another site, so it was refused.");
    return json ? refused.toResponse(NO_STORE) : refusalPage(refused);
  }
  try {
    const created = await receiveResourceUpload({ viewer: await getViewer(), request });
    revalidatePath("/resources");
    revalidatePath("/manage/resources");
    if (created.eventSlug) revalidatePath(`/events/${created.eventSlug}`);
    // captions: a recording (or video) is a draft until it has captions and a transcript; the next step adds them.
    const location = created.draft ? `/manage/resources/${created.id}/captions?done=added` : "/manage/resources?done=added";
    if (json) return Response.json({ id: created.id, title: created.title, location }, { status: 201, headers: NO_STORE });
    return new Response(null, { status: 303, headers: { ...NO_STORE, Location: location } });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return json ? error.toResponse(NO_STORE) : refusalPage(error);
  }
}

/** Without script the browser shows the answer itself, so a refusal is a short page, not JSON. */
function refusalPage({ status, message, fieldErrors }: AppError) {
  const details = Object.values(fieldErrors ?? {})
    .flat()
    .filter((problem) => problem !== message);
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Upload refused</title></head><body><main>
<h1>The upload was refused</h1><p>${escapeHtml(message)}</p>${details.length ? `<ul>${details.map((d) => `<li>${escapeHtml(d)}</li>`).join("")}</ul>` : ""}
<p><a href="/manage/resources/new?kind=file">Go back to the upload form</a></p></main></body></html>`;
  return new Response(page, { status, headers: { ...NO_STORE, "Content-Type": "text/html; charset=utf-8" } });
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
