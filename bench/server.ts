/**
 * The production server the bench measures: `next build` (skipped with
 * BENCH_SKIP_BUILD=1) into .next-bench, then `next start` on a free port against
 * the bench's database, as scripts/e2e-server.ts does for the end-to-end tests.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

const nextBin = path.resolve("node_modules/next/dist/bin/next");
const distDir = path.resolve(".next-bench");
const benchEnv = { CONVENE_BENCH_BUILD: "1", NEXT_TELEMETRY_DISABLED: "1" };

export function buildServer() {
  if (process.env.BENCH_SKIP_BUILD === "1" && fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    console.log("Build skipped (BENCH_SKIP_BUILD=1), using .next-bench");
    return;
  }
  console.log("Building into .next-bench ...");
  // The static reference page joins only this build: in pages/ it would be a route of every build.
  const pagesDir = path.resolve("pages");
  if (fs.existsSync(pagesDir)) throw new Error("pages/ exists; the bench build puts its reference page there and removes it after");
  fs.mkdirSync(pagesDir);
  fs.copyFileSync(path.resolve("bench/static-page.tsx"), path.join(pagesDir, "bench-static.tsx"));
  try {
    const result = spawnSync(process.execPath, [nextBin, "build"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, ...benchEnv, NODE_ENV: "production" },
    });
    if (result.status !== 0) throw new Error("next build failed");
  } finally {
    fs.rmSync(pagesDir, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Node's flags for the server: BENCH_SERVER_NODE_OPTIONS when set (say
 * `--max-old-space-size=512` or `--cpu-prof`), else the ones `npm start` gives
 * production in package.json, so the bench measures the server as deployed.
 */
export function serverNodeFlags(): string[] {
  if (process.env.BENCH_SERVER_NODE_OPTIONS !== undefined) return process.env.BENCH_SERVER_NODE_OPTIONS.split(/\s+/).filter(Boolean);
  const start = (JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start;
  // Every node flag `npm start` passes (the heap cap, the peer-address preload), so the bench runs what production runs.
  const words = start.split(/\s+/);
  return words.slice(
    1,
    words.findIndex((word) => word.includes("node_modules/next")),
  );
}

export type RunningServer = { url: string; pid: number; stop: () => Promise<void> };

/** What the instances of one deployment share: the secret and public address Auth.js signs with, and the metrics token. */
export type Deployment = { authSecret: string; authUrl?: string; metricsToken: string };

export function newDeployment(): Deployment {
  return { authSecret: randomBytes(32).toString("base64url"), metricsToken: randomBytes(24).toString("hex") };
}

/**
 * One `next start`. `clearCache: false` for a second instance of a running deployment: the data cache
 * in the build folder is the first instance's, and emptying it under that instance is not what a deploy does.
 */
export async function startServer(
  dbEnv: Record<string, string>,
  deployment: Deployment,
  { clearCache = true }: { clearCache?: boolean } = {},
): Promise<RunningServer> {
  // The data cache lives in the build folder and outlives a server; a new database needs an empty one.
  if (clearCache) fs.rmSync(path.join(distDir, "cache", "fetch-cache"), { recursive: true, force: true });
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, [...serverNodeFlags(), nextBin, "start", "-p", String(port)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      ...benchEnv,
      ...dbEnv,
      NODE_ENV: "production",
      AUTH_SECRET: deployment.authSecret,
      // Every instance of one deployment has the same public address; by default, this instance's own.
      AUTH_URL: deployment.authUrl ?? url,
      METRICS_TOKEN: deployment.metricsToken,
    },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error("next start did not answer /api/health within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
