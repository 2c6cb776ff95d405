import { reachCsvResponse } from "@/app/_components/reach-csv-response";

/** One table of an event's reach as CSV. lib/reach/dashboard decides who may have it; this only maps the answer to HTTP. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return reachCsvResponse(request, id);
}
