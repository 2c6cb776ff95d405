import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The map in the repo stays true to the tree: links resolve inside it, named files exist, lists match. */
const root = path.resolve(import.meta.dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const DOCS = ["README.md", "ARCHITECTURE.md", "BENCHMARKS.md"];

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no "## ${heading}" section`);
  const end = markdown.indexOf("\n## ", start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe("the documentation", () => {
  it.each(DOCS)("%s links only to files inside the repository that exist", (doc) => {
    const targets = [...read(doc).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^(https?:|mailto:|#)/.test(t));
    for (const target of targets) {
      const file = path.resolve(root, target.split("#")[0]!);
      expect(path.relative(root, file).startsWith(".."), `${doc} links outside the repository: ${target}`).toBe(false);
      expect(fs.existsSync(file), `${doc} links to a missing file: ${target}`).toBe(true);
    }
  });

  it.each(DOCS)("%s names only code paths that exist", (doc) => {
    const named = [...read(doc).matchAll(/`((?:app|lib|db|components|scripts|bench|e2e|test)\/[^`\s]*)`/g)].map((m) => m[1]!);
    // Placeholders (<slug>, [id]-style route parts written as <x>) and globs are patterns, not files.
    const concrete = named.filter((p) => !/[<*]/.test(p)).map((p) => p.replace(/[.,:;]+$/, ""));
    // A module may be named without its extension (`lib/time`).
    const missing = concrete.filter((p) => !["", ".ts", ".tsx"].some((ext) => fs.existsSync(path.join(root, p + ext))));
    expect(missing, `${doc} names paths that do not exist`).toEqual([]);
  });

  it("README's lib/ table lists every folder in lib/", () => {
    const folders = fs
      .readdirSync(path.join(root, "lib"), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `lib/${e.name}`);
    const listed = [...section(read("README.md"), "Architecture").matchAll(/^\| `(lib\/[^`]+)` \|/gm)].map((m) => m[1]!);
    expect(listed.sort()).toEqual(folders.sort());
  });

  it("README's scripts table lists every npm script, and only those", () => {
    const scripts = Object.keys(JSON.parse(read("package.json")).scripts as Record<string, string>);
    const rows = section(read("README.md"), "Scripts")
      .split("\n")
      .filter((line) => line.startsWith("| `npm"));
    const named = rows.flatMap((row) => {
      const cell = row.split("|")[1]!;
      return [...cell.matchAll(/`(?:npm (?:run )?)?([a-z0-9:-]+)`/g)].map((m) => m[1]!);
    });
    expect(new Set(named)).toEqual(new Set(scripts));
  });
});
