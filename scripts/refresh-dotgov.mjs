// Replaces the shipped .gov registry snapshot (data/dotgov/current-full.csv and its snapshot.json)
// with CISA's published file, after checking it: the header, the row count, every row parses.
//
//   npm run registry:refresh                  download https://raw.githubusercontent.com/cisagov/dotgov-data/main/current-full.csv
//   npm run registry:refresh -- ./file.csv    use a file already downloaded (offline machines, tests)
//   --date YYYY-MM-DD                         the snapshot's date (default: today, UTC)
//   --dir <folder>                            where the snapshot lives (default: data/dotgov)
//
// Nothing is replaced unless the new file passes every check. Each file is written beside its
// final name and renamed into place (a rename is atomic), the CSV first and snapshot.json, which
// names the CSV's SHA-256, last: the app reads a date only when the two agree.
// Restart the app (or redeploy) afterwards: each process reads the snapshot once.
import { createHash } from "node:crypto";
import { readFile, rename, writeFile, mkdir, open } from "node:fs/promises";
import path from "node:path";
import { parseDotGovCsv } from "../lib/registry/dotgov-file.mjs";

export const SOURCE_URL = "https://raw.githubusercontent.com/cisagov/dotgov-data/main/current-full.csv";

function parseArgs(argv) {
  const options = { file: null, date: new Date().toISOString().slice(0, 10), dir: path.join(process.cwd(), "data", "dotgov") };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "--date") options.date = argv[++i] ?? "";
    else if (arg === "--dir") options.dir = argv[++i] ?? "";
    else if (arg.startsWith("--")) throw new Error(`Unknown option ${arg}`);
    else options.file = arg;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.date) || Number.isNaN(Date.parse(options.date)))
    throw new Error(`--date must be a date like 2026-08-22, not "${options.date}"`);
  return options;
}

async function download() {
  let response;
  try {
    response = await fetch(SOURCE_URL, { signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    const cause = error instanceof Error ? (error.cause?.code ?? error.cause?.message ?? error.message) : String(error);
    throw new Error(
      `Could not download ${SOURCE_URL} (${cause}). Is this machine offline? Download the file elsewhere and run: npm run registry:refresh -- <file.csv>`,
    );
  }
  if (!response.ok) throw new Error(`Downloading ${SOURCE_URL} answered HTTP ${response.status}; the snapshot was not changed.`);
  return response.text();
}

async function writeAtomically(target, contents) {
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, contents);
  const handle = await open(temporary, "r+");
  await handle.sync();
  await handle.close();
  await rename(temporary, target);
}

export async function refresh(argv) {
  const options = parseArgs(argv);
  const text = options.file ? await readFile(options.file, "utf8") : await download();
  const parsed = parseDotGovCsv(text);
  if (!parsed.ok) throw new Error(`The new file was refused, and the snapshot was not changed:\n- ${parsed.problems.join("\n- ")}`);
  await mkdir(options.dir, { recursive: true });
  const sha256 = createHash("sha256").update(text).digest("hex");
  const meta = { source: options.file ? `${SOURCE_URL} (from a local copy)` : SOURCE_URL, date: options.date, domains: parsed.domains.size, sha256 };
  await writeAtomically(path.join(options.dir, "current-full.csv"), text);
  await writeAtomically(path.join(options.dir, "snapshot.json"), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  refresh(process.argv.slice(2)).then(
    (meta) => console.log(`The .gov registry snapshot is now ${meta.date}: ${meta.domains} domains (sha256 ${meta.sha256}). Restart the app to use it.`),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
