import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** playwright.config.ts sets forbidOnly in CI: a stray test.only fails the run instead of shrinking it to one test. */
const root = path.resolve(import.meta.dirname, "..");

function listFocused(env: Record<string, string | undefined>) {
  const cli = path.join(root, "node_modules/@playwright/test/cli.js");
  return spawnSync(process.execPath, [cli, "test", "--config", "test/forbid-only/playwright.config.ts", "--list"], {
    cwd: root,
    // A mail directory given, so loading the config makes no temp directory of its own.
    env: { ...process.env, CI: undefined, E2E_MAIL_DIR: os.tmpdir(), ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("Playwright in CI", { timeout: 90_000 }, () => {
  it("refuses a test.only when CI is set", () => {
    const run = listFocused({ CI: "1" });
    expect(run.status).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toMatch(/only/i);
  });

  it("still allows one locally", () => {
    const run = listFocused({});
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("a focused test");
  });
});
