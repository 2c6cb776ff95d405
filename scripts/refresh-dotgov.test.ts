import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
// @ts-expect-error plain JavaScript without a declaration file; the script is run with node.
import { refresh } from "./refresh-dotgov.mjs";

const SHIPPED = path.join(process.cwd(), "data", "dotgov", "current-full.csv");
const shipped = readFileSync(SHIPPED, "utf8");
const EOL = shipped.includes("\r\n") ? "\r\n" : "\n";

function scratch() {
  const dir = mkdtempSync(path.join(tmpdir(), "dotgov-"));
  writeFileSync(path.join(dir, "current-full.csv"), "old");
  writeFileSync(path.join(dir, "snapshot.json"), "{}");
  return dir;
}

function file(dir: string, name: string, text: string) {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
}

const unchanged = (dir: string) => {
  expect(readFileSync(path.join(dir, "current-full.csv"), "utf8")).toBe("old");
  expect(readFileSync(path.join(dir, "snapshot.json"), "utf8")).toBe("{}");
};

afterEach(() => vi.unstubAllGlobals());

describe("npm run registry:refresh", () => {
  it("replaces the snapshot and its date with a file that passes every check", async () => {
    const dir = scratch();
    const meta = await refresh([SHIPPED, "--dir", dir, "--date", "2026-09-01"]);
    expect(readFileSync(path.join(dir, "current-full.csv"), "utf8")).toBe(shipped);
    const written = JSON.parse(readFileSync(path.join(dir, "snapshot.json"), "utf8"));
    expect(written).toEqual(meta);
    expect(written).toMatchObject({ date: "2026-09-01", domains: 16539, sha256: createHash("sha256").update(shipped).digest("hex") });
    expect(existsSync(path.join(dir, `current-full.csv.${process.pid}.tmp`))).toBe(false);
  });

  it("the shipped snapshot.json describes the shipped file", () => {
    const meta = JSON.parse(readFileSync(path.join(process.cwd(), "data", "dotgov", "snapshot.json"), "utf8"));
    expect(meta).toMatchObject({ date: "2026-08-22", domains: 16539, sha256: createHash("sha256").update(shipped).digest("hex") });
  });

  it.each([
    ["another header", shipped.replace("Domain name,Domain type", "Name,Type"), "header is not the registry's"],
    ["a truncated download", shipped.split(EOL).slice(0, 2000).join(EOL), "looks truncated"],
    ["a row that does not parse", `${shipped.trimEnd()}${EOL}"broken.gov,City,Unclosed quote${EOL}`, "does not parse"],
    ["a malformed domain", `${shipped.trimEnd()}${EOL}xn--gsa-evil.com,City,Someone,,A,B,c${EOL}`, "is not a registered .gov domain name"],
    ["an HTML error page", "<html><body>Rate limited</body></html>", "header is not the registry's"],
  ])("refuses %s and changes nothing", async (_label, text, problem) => {
    const dir = scratch();
    await expect(refresh([file(dir, "new.csv", text), "--dir", dir])).rejects.toThrow(problem);
    unchanged(dir);
  });

  it("says clearly that the machine is offline, and how to refresh from a file", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("fetch failed", { cause: { code: "ENOTFOUND" } });
    });
    const dir = scratch();
    await expect(refresh(["--dir", dir])).rejects.toThrow(
      /Could not download .*current-full\.csv \(ENOTFOUND\)\. Is this machine offline\?.*registry:refresh -- <file\.csv>/,
    );
    unchanged(dir);
  });

  it("refuses a download the server answered with an error", async () => {
    vi.stubGlobal("fetch", async () => new Response("Not Found", { status: 404 }));
    const dir = scratch();
    await expect(refresh(["--dir", dir])).rejects.toThrow("answered HTTP 404");
    unchanged(dir);
  });

  it("refuses a date that is not one", async () => {
    await expect(refresh([SHIPPED, "--date", "yesterday"])).rejects.toThrow("--date must be a date");
  });
});
