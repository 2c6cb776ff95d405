// Adds up the JSON reports that Vitest and Playwright wrote into TEST_REPORT_DIR and
// prints one line per runner, then the total as "N passed, N failed".
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2] ?? process.env.TEST_REPORT_DIR;
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) {
  if (!file.endsWith(".json")) continue;
  const report = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  let counts;
  if (report.stats && "expected" in report.stats) {
    counts = {
      passed: report.stats.expected + report.stats.flaky,
      failed: report.stats.unexpected + (report.errors?.length ?? 0),
      skipped: report.stats.skipped,
    };
  } else {
    // A file that fails to load has no failed test in it, but it failed all the same.
    const brokenFiles = (report.testResults ?? []).filter(
      (result) => result.status === "failed" && !result.assertionResults.some((a) => a.status === "failed"),
    ).length;
    counts = {
      passed: report.numPassedTests,
      failed: report.numFailedTests + brokenFiles,
      skipped: report.numPendingTests + (report.numTodoTests ?? 0),
    };
  }
  console.log(`${file.replace(/\.json$/, "")}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
