// CI's dependency gate, in two halves:
// - offline, always: the lock file against security/minimum-versions.json (scripts/minimum-versions.mjs);
// - online, when the registry answers: `npm audit` of production dependencies, high and critical.
// Either half failing fails the run. The last line says plainly which halves ran, because on
// machines where the registry's advisory endpoint answers 405 only the offline half can.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { checkMinimumVersions, readJson } from "./minimum-versions.mjs";

// Tests point these at fixtures instead of the project's own files and the registry.
const lockFile = process.env.AUDIT_LOCK_FILE ?? "package-lock.json";
const tableFile = process.env.AUDIT_MINIMUMS_FILE ?? "security/minimum-versions.json";

let failed = false;

const offline = checkMinimumVersions({ lock: readJson(lockFile), table: readJson(tableFile) });
for (const copy of offline.below) {
  console.log(`  below minimum: ${copy.name} ${copy.version} at ${copy.location} (needs >= ${copy.minimum}: ${copy.advisories.join(", ")})`);
}
if (offline.below.length > 0) failed = true;
const offlineLine = offline.below.length
  ? `offline minimum versions FAILED (${offline.below.length} of ${offline.checked} copies below their minimum)`
  : `offline minimum versions passed (${offline.checked} copies of ${offline.rules} listed packages)`;

const result = process.env.AUDIT_REPORT_FILE
  ? { stdout: fs.readFileSync(process.env.AUDIT_REPORT_FILE, "utf8"), stderr: "" }
  : spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8" });
let report;
try {
  report = JSON.parse(result.stdout || "{}");
} catch {
  report = {};
}
const counts = report.metadata?.vulnerabilities;
let onlineLine;
if (!counts) {
  const reason = report.error?.summary || report.message || (result.stderr ?? "").trim().split("\n").at(-1) || "no answer";
  onlineLine = `online npm audit did NOT run (${reason.replace(/ - (GET|POST) \S+/, "")}): advisories newer than security/minimum-versions.json were not checked`;
} else {
  const serious = (counts.high ?? 0) + (counts.critical ?? 0);
  for (const [name, advisory] of Object.entries(report.vulnerabilities ?? {})) {
    if (advisory.severity === "high" || advisory.severity === "critical") console.log(`  ${advisory.severity}: ${name} ${advisory.range ?? ""}`);
  }
  if (serious > 0) failed = true;
  onlineLine = `online npm audit ran (production): ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`;
}

console.log(`Dependency gate ${failed ? "FAILED" : "passed"}: ${offlineLine}; ${onlineLine}.`);
process.exit(failed ? 1 : 0);
