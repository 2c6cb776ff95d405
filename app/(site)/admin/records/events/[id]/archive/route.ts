import { getViewer } from "@/lib/auth/viewer";
import { openEventArchive } from "@/lib/records/event-archive";
import { assertNotCrossSite, downloadResponse, refusalResponse } from "@/lib/records/http";

export const dynamic = "force-dynamic";

/** An event's records as one zip, streamed. lib/records decides who may have it; this maps the answer to HTTP. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    assertNotCrossSite(request);
    const include = new URL(request.url).searchParams.get("accommodations") === "on";
    const archive = await openEventArchive(await getViewer(), { eventId: id, includeAccommodations: include });
    return downloadResponse({ ...archive, contentType: "application/zip" });
  } catch (error) {
    return refusalResponse(error);
  }
}
