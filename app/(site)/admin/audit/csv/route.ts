import { getViewer } from "@/lib/auth/viewer";
import { openAuditCsv } from "@/lib/records/audit-log";
import { assertNotCrossSite, downloadResponse, refusalResponse } from "@/lib/records/http";
import { AUDIT_FILTER_FIELDS } from "@/lib/records/records-schema";

export const dynamic = "force-dynamic";

/** The audit log as CSV, with the page's filters, streamed. lib/records decides who may have it. */
export async function GET(request: Request) {
  try {
    assertNotCrossSite(request);
    const query = new URL(request.url).searchParams;
    const raw = Object.fromEntries(AUDIT_FILTER_FIELDS.map((name) => [name, query.get(name) ?? undefined]));
    return downloadResponse({ ...(await openAuditCsv(await getViewer(), raw)), contentType: "text/csv; charset=utf-8" });
  } catch (error) {
    return refusalResponse(error);
  }
}
