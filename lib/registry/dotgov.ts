import "server-only";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { logFor } from "@/lib/log";
import { parseDotGovCsv, type DotGovDomain } from "./dotgov-file.mjs";

export type { DotGovDomain } from "./dotgov-file.mjs";

/**
 * The shipped snapshot of CISA's .gov registry (data/dotgov/, refreshed by `npm run registry:refresh`).
 * Read from the working directory, which is the repository in development, tests, `npm start` and the
 * image (the Dockerfile copies the repository, data/ included). Loaded once per process, at the first
 * look-up; a refreshed file is read after a restart.
 */
const DATA_DIR = path.join(process.cwd(), "data", "dotgov");

export type DotGovSnapshot = {
  date: string;
  source: string;
  domains: Map<string, DotGovDomain>;
};

let loaded: DotGovSnapshot | undefined;

export function dotGovSnapshot(): DotGovSnapshot {
  loaded ??= load();
  return loaded;
}

/** The registry's entry for a registered domain such as `gsa.gov`, or undefined. */
export function lookupDotGov(domain: string): DotGovDomain | undefined {
  return dotGovSnapshot().domains.get(domain.toLowerCase());
}

function load(): DotGovSnapshot {
  const text = readFileSync(path.join(DATA_DIR, "current-full.csv"), "utf8");
  const meta = JSON.parse(readFileSync(path.join(DATA_DIR, "snapshot.json"), "utf8")) as { date?: string; source?: string; sha256?: string };
  const parsed = parseDotGovCsv(text);
  // The shipped file was checked when it was written; a broken one is a broken deployment, said loudly.
  if (!parsed.ok) throw new Error(`data/dotgov/current-full.csv is not a usable .gov registry: ${parsed.problems.join("; ")}`);
  const sha256 = createHash("sha256").update(text).digest("hex");
  const matches = meta.sha256 === sha256;
  if (!matches)
    logFor("registry").warn({ expected: meta.sha256, actual: sha256 }, "data/dotgov/snapshot.json does not describe current-full.csv; its date may be wrong");
  return { date: matches && meta.date ? meta.date : "unknown", source: meta.source ?? "cisagov/dotgov-data current-full.csv", domains: parsed.domains };
}
