import { checkReadiness } from "@/lib/health";

export const dynamic = "force-dynamic";

/** Readiness: 200 only when every check in lib/health.ts passes; the body names each one either way. */
export async function GET() {
  const { ok, checks } = await checkReadiness();
  return Response.json({ status: ok ? "ready" : "unavailable", checks }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
