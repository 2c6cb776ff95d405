import { getViewer } from "@/lib/auth/viewer";
import { assertNotCrossSite, downloadResponse, refusalResponse } from "@/lib/records/http";
import { openMessagesArchive } from "@/lib/records/messages-archive";

export const dynamic = "force-dynamic";

/** Every organizer message in a range of days, as one zip, streamed (?from=YYYY-MM-DD&to=YYYY-MM-DD). */
export async function GET(request: Request) {
  try {
    assertNotCrossSite(request);
    const query = new URL(request.url).searchParams;
    const archive = await openMessagesArchive(await getViewer(), { from: query.get("from") ?? undefined, to: query.get("to") ?? undefined });
    return downloadResponse({ ...archive, contentType: "application/zip" });
  } catch (error) {
    return refusalResponse(error);
  }
}
