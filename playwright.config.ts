import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Playwright loads this file in the runner and again in each worker; the first load
// picks the port and writes it to the environment the workers inherit.
process.env.E2E_PORT ??= String(await findFreePort());
process.env.E2E_MAIL_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "convene-e2e-mail-"));
// The app's calendar-reply receiver (MAIL_IN_URL) listens here; e2e/calendar-reply.spec.ts mails it.
process.env.E2E_MAIL_IN_PORT ??= String(await findFreePort());
// The server's METRICS_TOKEN, and the file its stdout (JSON log lines) is copied to: e2e/operations.spec.ts reads both.
process.env.E2E_METRICS_TOKEN ??= randomBytes(24).toString("hex");
process.env.E2E_LOG_FILE ??= path.join(fs.mkdtempSync(path.join(os.tmpdir(), "convene-e2e-log-")), "server.log");
const port = Number(process.env.E2E_PORT);
// E2E_BASE_URL points the tests at a server that is already running (say `npm run dev`) instead of a fresh build.
const externalBaseURL = process.env.E2E_BASE_URL;
const baseURL = externalBaseURL ?? `http://localhost:${port}`;

/** Debian's Chromium where it is installed (CI), else Playwright's own browser. */
const chromiumPath = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  // A stray test.only would run one test and report green: CI refuses it.
  forbidOnly: !!process.env.CI,
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    process.env.TEST_REPORT_DIR ? ["json", { outputFile: path.join(process.env.TEST_REPORT_DIR, "playwright.json") }] : ["html", { open: "never" }],
  ],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumPath,
          // Without these, Chromium tries to reach Google's services, which a closed network refuses.
          args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
  webServer: externalBaseURL
    ? undefined
    : {
        command: "tsx --conditions=react-server scripts/e2e-server.ts",
        url: `${baseURL}/api/health`,
        timeout: 420_000,
        reuseExistingServer: false,
        stdout: "pipe",
        stderr: "pipe",
        env: {
          E2E_PORT: String(port),
          E2E_MAIL_DIR: process.env.E2E_MAIL_DIR,
          E2E_MAIL_IN_PORT: process.env.E2E_MAIL_IN_PORT,
          E2E_METRICS_TOKEN: process.env.E2E_METRICS_TOKEN,
          E2E_LOG_FILE: process.env.E2E_LOG_FILE,
        },
        // SIGTERM lets the script drop its scratch database and data directory.
        gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      },
});

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
