import { reachCsvResponse } from "@/app/_components/reach-csv-response";

/** One community reach table as CSV. lib/reach/dashboard decides who may have it; this only maps the answer to HTTP. */
export async function GET(request: Request) {
  return reachCsvResponse(request);
}
