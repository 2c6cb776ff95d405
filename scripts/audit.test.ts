import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * CI's dependency gate: the offline minimum-version table always runs; `npm audit` runs
 * when the registry answers. Each case feeds saved files instead of the project's own.
 */
function runGate({ report, lock, minimums }: { report: unknown; lock?: unknown; minimums?: unknown }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "audit-"));
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(value));
    return file;
  };
  const env: NodeJS.ProcessEnv = { ...process.env, AUDIT_REPORT_FILE: write("report.json", report) };
  env.AUDIT_LOCK_FILE = write("lock.json", lock ?? cleanLock);
  if (minimums) env.AUDIT_MINIMUMS_FILE = write("minimums.json", minimums);
  const result = spawnSync(process.execPath, ["scripts/audit.mjs"], { encoding: "utf8", env });
  return { code: result.status, output: result.stdout, summary: result.stdout.trim().split("\n").at(-1) ?? "" };
}

const counts = (c: Partial<Record<"low" | "moderate" | "high" | "critical", number>>) => ({
  metadata: { vulnerabilities: { low: 0, moderate: 0, high: 0, critical: 0, ...c } },
});
const unreachable = { error: { summary: "405 Method Not Allowed" } };

const lockWith = (packages: Record<string, { version: string; dev?: boolean }>) => ({
  lockfileVersion: 3,
  packages: { "": { name: "convene" }, ...packages },
});
const cleanLock = lockWith({ "node_modules/nodemailer": { version: "10.6.0" }, "node_modules/next-auth": { version: "5.0.0-beta.32" } });

describe("scripts/audit.mjs: online half", () => {
  it("passes with only low and moderate advisories, and says the online audit ran", () => {
    const result = runGate({ report: counts({ low: 2, moderate: 1 }) });
    expect(result.code).toBe(0);
    expect(result.summary).toMatch(/^Dependency gate passed: .*online npm audit ran/);
  });

  it("fails on a high advisory and names the package", () => {
    const result = runGate({ report: { ...counts({ high: 1 }), vulnerabilities: { "some-lib": { severity: "high", range: "<1.2.3" } } } });
    expect(result.code).toBe(1);
    expect(result.output).toContain("high: some-lib <1.2.3");
  });

  it("fails on a critical advisory", () => {
    expect(runGate({ report: counts({ critical: 1 }) }).code).toBe(1);
  });

  it("says plainly when the advisory service could not answer, and still runs the offline half", () => {
    const result = runGate({ report: unreachable });
    expect(result.code).toBe(0);
    expect(result.summary).toContain("online npm audit did NOT run (405 Method Not Allowed)");
    expect(result.summary).toContain("offline minimum versions passed");
  });
});

describe("scripts/audit.mjs: offline minimum versions", () => {
  it("fails when the lock resolves a production copy below its minimum, naming copy and advisory, even with the registry unreachable", () => {
    const result = runGate({ report: unreachable, lock: lockWith({ "node_modules/nodemailer": { version: "8.0.11" } }) });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/below minimum: nodemailer 8\.0\.11 at node_modules\/nodemailer \(needs >= 10\.0\.13: .*GHSA-2x7j-588g-ccc2/);
    expect(result.summary).toMatch(/^Dependency gate FAILED: offline minimum versions FAILED/);
  });

  it("checks nested copies too, and orders prereleases (beta.29 is below beta.30)", () => {
    const lock = lockWith({
      "node_modules/next-auth": { version: "5.0.0-beta.29" },
      "node_modules/next-auth/node_modules/nodemailer": { version: "7.0.6" },
    });
    const result = runGate({ report: unreachable, lock });
    expect(result.code).toBe(1);
    expect(result.output).toContain("next-auth 5.0.0-beta.29");
    expect(result.output).toContain("nodemailer 7.0.6 at node_modules/next-auth/node_modules/nodemailer");
  });

  it("ignores copies that only development installs", () => {
    const result = runGate({ report: unreachable, lock: lockWith({ "node_modules/mailparser/node_modules/nodemailer": { version: "6.0.0", dev: true } }) });
    expect(result.code).toBe(0);
  });

  it("holds for the project's own lock file and table", () => {
    // An empty answer stands for the unreachable registry, so only the real lock and table decide.
    const noAnswer = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "audit-")), "none.json");
    fs.writeFileSync(noAnswer, "{}");
    const result = spawnSync(process.execPath, ["scripts/audit.mjs"], { encoding: "utf8", env: { ...process.env, AUDIT_REPORT_FILE: noAnswer } });
    expect(result.stdout).toContain("offline minimum versions passed");
    expect(result.status).toBe(0);
  });

  it("every listed package names at least one advisory and a minimum no lower than each advisory's fix", async () => {
    const table = JSON.parse(fs.readFileSync("security/minimum-versions.json", "utf8")) as {
      packages: Record<string, { minimum: string; advisories: Array<{ id: string; fixed: string }> }>;
    };
    const semver = await import("semver");
    for (const [name, rule] of Object.entries(table.packages)) {
      expect(rule.advisories.length, name).toBeGreaterThan(0);
      for (const advisory of rule.advisories) {
        expect(advisory.id, name).toMatch(/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/);
        expect(semver.gte(rule.minimum, advisory.fixed), `${name} ${advisory.id}`).toBe(true);
      }
    }
  });
});
