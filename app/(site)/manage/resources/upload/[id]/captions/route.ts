import { revalidatePath } from "next/cache";
import { getViewer } from "@/lib/auth/viewer";
import { AppError, isAppError } from "@/lib/errors";
import { receiveCaptionsUpload } from "@/lib/resources/captions-upload";
import { isSameOriginRequest } from "@/lib/security/same-origin";
import { UPLOAD_CSP, withSecurityHeaders } from "@/lib/security/headers";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * A recording's captions and transcript. A route handler, like the file upload beside it, so the
 * files stream to disk with their limits enforced as they arrive. Script asks for JSON; without
 * it the browser gets a redirect or a short page.
 */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  return withSecurityHeaders(await answer(request, context), { "Content-Security-Policy": UPLOAD_CSP });
}

async function answer(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const json = (request.headers.get("accept") ?? "").includes("application/json");
  if (!isSameOriginRequest(request)) {
    const refused = new AppError("forbidden", "This upload came from another site, so it was refused.");
    return json ? refused.toResponse(NO_STORE) : refusalPage(refused, id);
  }
  try {
    const saved = await receiveCaptionsUpload({ viewer: await getViewer(), id, request });
    revalidatePath("/resources");
    revalidatePath("/manage/resources");
    revalidatePath(`/resources/${saved.id}`);
    if (saved.eventSlug) revalidatePath(`/events/${saved.eventSlug}`);
    const location = `/manage/resources/${saved.id}/captions?done=saved`;
    if (json) return Response.json({ id: saved.id, published: saved.published, location }, { status: 200, headers: NO_STORE });
    return new Response(null, { status: 303, headers: { ...NO_STORE, Location: location } });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return json ? error.toResponse(NO_STORE) : refusalPage(error, id);
  }
}

/** Without script the browser shows the answer itself, so a refusal is a short page, not JSON. */
function refusalPage({ status, message, fieldErrors }: AppError, id: string) {
  const details = Object.values(fieldErrors ?? {})
    .flat()
    .filter((problem) => problem !== message);
  const back = /^[0-9a-f-]{36}$/i.test(id) ? `/manage/resources/${id}/captions` : "/manage/resources";
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Captions refused</title></head><body><main>
<h1>The captions or transcript were refused</h1><p>${escapeHtml(message)}</p>${details.length ? `<ul>${details.map((d) => `<li>${escapeHtml(d)}</li>`).join("")}</ul>` : ""}
<p><a href="${back}">Go back to the captions form</a></p></main></body></html>`;
  return new Response(page, { status, headers: { ...NO_STORE, "Content-Type": "text/html; charset=utf-8" } });
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
