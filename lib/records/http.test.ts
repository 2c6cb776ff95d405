import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertNotCrossSite, downloadResponse, refusalResponse } from "./http";

describe("the records routes' answers", () => {
  it("send a download as an uncached attachment with the site's security headers", () => {
    const response = downloadResponse({ filename: "records-x-20301201-120000.zip", contentType: "application/zip", stream: new ReadableStream() });
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="records-x-20301201-120000.zip"');
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("refuse an export another site's page starts, and allow our own pages and direct requests", () => {
    const request = (site?: string) => new Request("http://localhost/admin/audit/csv", { headers: site ? { "Sec-Fetch-Site": site } : {} });
    expect(() => assertNotCrossSite(request("cross-site"))).toThrow(expect.objectContaining({ kind: "forbidden" }));
    for (const site of ["same-origin", "none", undefined]) expect(() => assertNotCrossSite(request(site))).not.toThrow();
  });

  it("turn lib/'s refusals into their status, uncached, and rethrow anything else", async () => {
    const response = refusalResponse(new AppError("forbidden", "You don't have permission to do that."));
    expect(response.status).toBe(403);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: "You don't have permission to do that." });
    expect(() => refusalResponse(new Error("bug"))).toThrow("bug");
  });
});
