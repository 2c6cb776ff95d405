import { getEnv } from "@/lib/env";
import { metricsAccess } from "@/lib/metrics-auth";
import { scrapeMetrics } from "@/lib/metrics-scrape";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics for whoever holds METRICS_TOKEN. Off (404) when it is unset, and
 * a missing or wrong token gets the same 404: nothing tells a stranger the endpoint exists.
 */
export async function GET(request: Request) {
  if (metricsAccess(request.headers.get("authorization"), getEnv().METRICS_TOKEN) !== "allowed") {
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const { contentType, body } = await scrapeMetrics();
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}
