// Fails when a production dependency has a high or critical advisory. When the
// registry's advisory service cannot be reached (as in some sandboxes), it says
// so and does not pretend the check passed or failed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

// AUDIT_REPORT_FILE lets a test feed a saved `npm audit --json` answer instead of asking the registry.
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
if (!counts) {
  const reason = report.error?.summary || report.message || result.stderr.trim().split("\n").at(-1) || "no answer";
  console.log(`npm audit could not run (${reason}); dependency advisories were NOT checked.`);
  process.exit(0);
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(`npm audit (production): ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`);
if (serious > 0) {
  for (const [name, advisory] of Object.entries(report.vulnerabilities ?? {})) {
    if (advisory.severity === "high" || advisory.severity === "critical") console.log(`  ${advisory.severity}: ${name} ${advisory.range ?? ""}`);
  }
  process.exit(1);
}
