import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** CI's dependency gate: a high or critical advisory in production dependencies fails the run. */
function runAudit(report: unknown) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "audit-")), "report.json");
  fs.writeFileSync(file, JSON.stringify(report));
  const result = spawnSync(process.execPath, ["scripts/audit.mjs"], { encoding: "utf8", env: { ...process.env, AUDIT_REPORT_FILE: file } });
  return { code: result.status, output: result.stdout };
}

const counts = (c: Partial<Record<"low" | "moderate" | "high" | "critical", number>>) => ({
  metadata: { vulnerabilities: { low: 0, moderate: 0, high: 0, critical: 0, ...c } },
});

describe("scripts/audit.mjs", () => {
  it("passes with only low and moderate advisories", () => {
    expect(runAudit(counts({ low: 2, moderate: 1 }))).toMatchObject({ code: 0 });
  });

  it("fails on a high advisory and names the package", () => {
    const result = runAudit({ ...counts({ high: 1 }), vulnerabilities: { "some-lib": { severity: "high", range: "<1.2.3" } } });
    expect(result.code).toBe(1);
    expect(result.output).toContain("high: some-lib <1.2.3");
  });

  it("fails on a critical advisory", () => {
    expect(runAudit(counts({ critical: 1 })).code).toBe(1);
  });

  it("says plainly when the advisory service could not answer, without passing for a check", () => {
    const result = runAudit({ error: { summary: "405 Method Not Allowed" } });
    expect(result.code).toBe(0);
    expect(result.output).toContain("NOT checked");
  });
});
