// The offline half of the dependency gate: every production copy of a package that the
// lock file resolves must be at or above the minimum in security/minimum-versions.json.
// It needs no network, so it runs on machines where `npm audit` cannot reach advisories.
import fs from "node:fs";
import semver from "semver";

/** Findings for one lock file: the copies below their minimum, and how many copies were checked. */
export function checkMinimumVersions({ lock, table }) {
  const below = [];
  let checked = 0;
  for (const [location, entry] of Object.entries(lock.packages ?? {})) {
    if (!location) continue; // the project itself
    // Only what production installs: `dev` copies are for tests and builds.
    if (entry.dev) continue;
    const name = entry.name ?? location.split("node_modules/").at(-1);
    const rule = table.packages[name];
    if (!rule || !entry.version) continue;
    checked += 1;
    // semver orders prereleases too: next-auth's v5 releases are all betas, and beta.29 is below beta.30.
    if (semver.lt(entry.version, rule.minimum)) {
      const advisories = rule.advisories.filter((a) => semver.lt(entry.version, a.fixed));
      below.push({ name, location, version: entry.version, minimum: rule.minimum, advisories: advisories.map((a) => `${a.id} (${a.severity})`) });
    }
  }
  return { below, checked, rules: Object.keys(table.packages).length };
}

export function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}
