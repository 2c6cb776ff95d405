/**
 * The server the end-to-end tests run against: a production build on a
 * throwaway database (a temporary PGlite directory, or a scratch database on
 * the PostgreSQL server that DATABASE_URL names), migrated and seeded, then
 * `next start`. Everything it made is removed when Playwright stops it.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const port = process.env.E2E_PORT ?? "3100";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convene-e2e-"));
const cleanups: Array<() => Promise<void> | void> = [() => fs.rmSync(dataDir, { recursive: true, force: true })];

const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  AUTH_URL: `http://localhost:${port}`,
  // The tests read sign-in links and invitations from the dev mailbox.
  DEV_MAILBOX: "true",
  // Reminders go out within seconds of falling due, so a test can wait for one.
  NOTIFICATIONS_INTERVAL_SECONDS: "2",
  // A follow-up goes out 5 s after its recording is published, not five minutes (e2e/captions.spec.ts).
  FOLLOW_UP_DELAY_SECONDS: "5",
  NEXT_TELEMETRY_DISABLED: "1",
  TRUSTED_PROXY_HOPS: process.env.TRUSTED_PROXY_HOPS ?? "1",
  // /api/metrics is on, for e2e/operations.spec.ts (which knows the token).
  ...(process.env.E2E_METRICS_TOKEN ? { METRICS_TOKEN: process.env.E2E_METRICS_TOKEN } : {}),
};

// A real SMTP server in this process: the app delivers through it, and each message
// lands as a file in E2E_MAIL_DIR where a test can read it.
if (process.env.E2E_MAIL_DIR) {
  const { startFileSmtpServer } = await import("../e2e/smtp-sink");
  const sink = await startFileSmtpServer(process.env.E2E_MAIL_DIR);
  env.SMTP_URL = `smtp://127.0.0.1:${sink.port}`;
  cleanups.push(sink.close);
}

// The calendar-reply receiver runs in the app process (the embedded database allows one),
// on the port Playwright chose, so a test can hand it a reply as a relay would.
if (process.env.E2E_MAIL_IN_PORT) env.MAIL_IN_URL = `smtp://127.0.0.1:${process.env.E2E_MAIL_IN_PORT}`;

// A local OpenID Connect provider stands in for Login.gov, so that provider is tested too.
{
  const { startOidcProvider } = await import("../e2e/oidc-provider");
  const oidc = await startOidcProvider({
    clientId: "convene-e2e",
    redirectUri: `http://localhost:${port}/api/auth/callback/login-gov`,
    postLogoutRedirectUri: `http://localhost:${port}/`,
  });
  env.LOGIN_GOV_ISSUER = oidc.issuer;
  env.LOGIN_GOV_CLIENT_ID = "convene-e2e";
  // A higher level than the default, so the provider can hand one test account a lower one (e2e/login-gov.spec.ts).
  env.LOGIN_GOV_ACR_VALUES = "urn:acr.login.gov:verified";
  cleanups.push(oidc.close);
}

if (process.env.DATABASE_URL) {
  const { createScratchDatabase } = await import("../db/scratch");
  const scratch = await createScratchDatabase(process.env.DATABASE_URL);
  env.DATABASE_URL = scratch.url;
  cleanups.push(scratch.drop);
}

function run(command: string, args: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    void cleanup().finally(() => process.exit(result.status ?? 1));
    throw new Error(`${command} ${args.join(" ")} failed`);
  }
}

async function cleanup() {
  for (const step of cleanups.reverse()) await step();
}

const nextBin = path.resolve("node_modules/next/dist/bin/next");
const tsxBin = path.resolve("node_modules/tsx/dist/cli.mjs");

if (!process.env.E2E_SKIP_BUILD) run(process.execPath, [nextBin, "build"], { NODE_ENV: "production" });
// Next's data cache outlives a server in .next; entries from an earlier run's database would show here.
fs.rmSync(path.resolve(".next/cache/fetch-cache"), { recursive: true, force: true });
run(process.execPath, [tsxBin, "--conditions=react-server", "scripts/db-migrate.ts"]);
run(process.execPath, [tsxBin, "--conditions=react-server", "scripts/db-seed.ts"]);

// Started directly (not through npx) so the stop signal reaches Next itself.
// With the preload `npm start` uses; the tests play the proxy (one hop), so each journey can
// name its own client address in X-Forwarded-For and keep its own sign-in bucket.
const server = spawn(process.execPath, ["--import", "./scripts/peer-address.mjs", nextBin, "start", "-p", port], {
  stdio: ["inherit", "pipe", "inherit"],
  env: { ...env, NODE_ENV: "production" },
});
// Its log lines go on to Playwright as before, and into E2E_LOG_FILE for a test to read.
const logCopy = process.env.E2E_LOG_FILE ? fs.createWriteStream(process.env.E2E_LOG_FILE, { flags: "a" }) : null;
server.stdout!.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  logCopy?.write(chunk);
});

let stopping = false;
async function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  server.kill(signal);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
server.on("exit", async (code) => {
  await cleanup();
  process.exit(stopping ? 0 : (code ?? 1));
});
