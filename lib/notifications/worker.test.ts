import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

it("npm run worker starts the scheduler and stops cleanly on SIGTERM", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convene-worker-"));
  // tsx as a loader in the worker's own process, not tsx's CLI: the CLI relays SIGTERM to a child and, if the child has not
  // confirmed within 30 ms (a busy CI machine), kills it and exits 143, which tested tsx rather than the worker's shutdown.
  // With DATABASE_URL set (the PostgreSQL run), the worker would migrate that server's default database: use PGlite here.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    // LOG_LEVEL: the logger is silent under Vitest unless asked; this test reads the worker's own lines.
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, NOTIFICATIONS_INTERVAL_SECONDS: "1", SMTP_URL: "", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  try {
    await expect.poll(() => output, { timeout: 60_000, interval: 200 }).toMatch(/"intervalSeconds":1,.*"msg":"worker started: sending due notifications/);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"worker stopped"');
    expect(output).not.toMatch(/run failed|Error|"level":"(error|fatal)"/);
  } finally {
    child.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 90_000);
