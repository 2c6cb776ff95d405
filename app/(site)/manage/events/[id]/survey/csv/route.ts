import { getViewer } from "@/lib/auth/viewer";
import { isAppError } from "@/lib/errors";
import { surveyResultsCsv } from "@/lib/surveys/results";

/** The survey's answers as CSV. lib/surveys/results decides who may have it; this only maps the answer to HTTP. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const { filename, csv } = await surveyResultsCsv(await getViewer(), id);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        // The slug holds only [a-z0-9-], so the name needs no escaping.
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
