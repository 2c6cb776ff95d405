import "server-only";
import { getViewer } from "@/lib/auth/viewer";
import { isAppError } from "@/lib/errors";
import { reachCsv } from "@/lib/reach/dashboard";

/** The reach CSV routes' one answer: the file, or lib/'s refusal as its status. */
export async function reachCsvResponse(request: Request, eventId?: string): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const raw = { from: params.get("from") ?? undefined, to: params.get("to") ?? undefined, by: params.get("by") ?? undefined };
  try {
    const { filename, csv } = await reachCsv(await getViewer(), { eventId, table: params.get("table") ?? undefined, raw });
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        // Slugs hold only [a-z0-9-] and the dates are checked, so the name needs no escaping.
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return error.toResponse({ "Cache-Control": "no-store" });
  }
}
