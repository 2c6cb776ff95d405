export const dynamic = "force-dynamic";

/** Liveness: the process is up and serving. No database, so a database outage never gets the instance restarted. */
export async function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
