import { getViewer } from "@/lib/auth/viewer";
import { AppError } from "@/lib/errors";
import { personalAnswerFor } from "@/lib/personal-page";

export const dynamic = "force-dynamic";

/** Never stored by a browser or a proxy: the answer is this viewer's own. */
const PRIVATE = { "Cache-Control": "private, no-store", Vary: "Cookie" };

/**
 * The viewer's own parts of a cached page (app/_components/personal.tsx asks once per address):
 * `?path=/events/<slug>`. Answers a visitor too (a null viewer), so the page can say "Sign in".
 */
export async function GET(request: Request) {
  try {
    const path = new URL(request.url).searchParams.get("path");
    return Response.json(await personalAnswerFor(await getViewer(), path), { headers: PRIVATE });
  } catch (error) {
    if (error instanceof AppError) return error.toResponse(PRIVATE);
    throw error;
  }
}
