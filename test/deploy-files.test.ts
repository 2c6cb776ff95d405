import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

/**
 * Keeps the deployment files honest without a Docker daemon: what the image runs and copies,
 * what compose.yaml and manifest.yml start, and that every variable they set is one the code reads.
 */
const read = (file: string) => readFileSync(path.resolve(file), "utf8");

// Set by compose.yaml or manifest.yml but read by code on other branches of issue 17 (ops: METRICS_TOKEN;
// redis-cache: REDIS_URL; storage-s3: STORAGE_URL). The last test fails once code reads one: then delete it here.
/** The lines under `key:` (a key at `indent` spaces), by indentation: enough YAML for these two files, which use no flow maps. */
function section(lines: string[], key: string, indent: number): string[] {
  const start = lines.findIndex((line) => line.startsWith(`${" ".repeat(indent)}${key}:`));
  if (start === -1) return [];
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    if (line.length - line.trimStart().length <= indent) break;
    body.push(line);
  }
  return body;
}

/** Keys at the first indentation of a section. */
function keysOf(lines: string[]): string[] {
  const indent = Math.min(...lines.map((line) => line.length - line.trimStart().length));
  return lines
    .filter((line) => line.length - line.trimStart().length === indent)
    .map((line) => /^\s*([A-Za-z0-9_<-]+):/.exec(line)?.[1])
    .filter((key): key is string => Boolean(key) && key !== "<<");
}

function yamlLines(file: string): string[] {
  const text = read(file);
  expect(text, `${file} must be indented with spaces`).not.toMatch(/\t/);
  return text.split("\n");
}

function libSources(dir = "lib"): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return libSources(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [read(file)] : [];
  });
}

const codeThatReadsVariables = [read("lib/env.ts"), read("db/location.ts"), ...libSources()].join("\n");
const knownToCode = (name: string) => new RegExp(`\\b${name}\\b`).test(codeThatReadsVariables);
// Read by the AWS SDK, Cloud Foundry or Node itself, not by Convene's own schema.
const platformVariable = (name: string) => /^(AWS_|VCAP_)/.test(name);

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1)!;

  it("builds in stages from Node 24 slim: all dependencies for the build, production ones for the image", () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-[a-z]*-?slim$/m);
    expect(stages.map((stage) => /^\S+ AS ([\w-]+)/.exec(stage)?.[1])).toEqual(["deps", "prod-deps", "build", "runtime"]);
    expect(stages[0]).toMatch(/RUN npm ci\b/);
    expect(stages[1]).toMatch(/RUN npm ci --omit=dev\b/);
    expect(stages[2]).toMatch(/npx next build && node scripts\/build-worker\.mjs/);
    // Not Next's standalone server: it freezes next.config.ts (REDIS_URL) at build time and 404ed visitor pages.
    expect(dockerfile).not.toMatch(/NEXT_OUTPUT=standalone|server\.js"\]/);
  });

  it("runs exactly what npm start runs, as a user other than root, and checks /api/health/live", () => {
    const user = /^USER (\S+)$/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
    expect(runtime.indexOf("USER ")).toBeLessThan(runtime.indexOf("CMD "));
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(runtime)![1]!) as string[];
    const npmStart = (JSON.parse(read("package.json")) as { scripts: { start: string } }).scripts.start.split(" ");
    expect(cmd).toEqual(npmStart);
    expect(runtime).toMatch(/HEALTHCHECK[\s\S]*\/api\/health\/live/);
  });

  it("copies the source, the production dependencies, the build and the bundles; every file the preload imports is in the source", () => {
    expect(runtime).toMatch(/^COPY \. \.$/m);
    expect(runtime).toMatch(/^COPY --from=prod-deps \/src\/node_modules \.\/node_modules$/m);
    expect(runtime).toMatch(/^COPY --from=build \/src\/\.next \.\/\.next$/m);
    expect(runtime).toMatch(/^COPY --from=build \/src\/dist \.\/dist$/m);
    const ignored = read(".dockerignore").split("\n");
    for (const [, target] of read("scripts/peer-address.mjs").matchAll(/from "(\.[^"]+)"/g)) {
      const file = path.join("scripts", target!);
      expect(existsSync(file), file).toBe(true);
      expect(ignored.some((pattern) => pattern && file.startsWith(pattern))).toBe(false);
    }
  });

  it("keeps the host's node_modules, builds and secrets out of the build context", () => {
    const ignored = read(".dockerignore").split("\n");
    expect(ignored).toEqual(expect.arrayContaining(["node_modules", ".next", ".data", ".env", ".git"]));
  });
});

describe("next.config.ts", () => {
  it("uses the Redis cache handler only with REDIS_URL, read when `next start` loads it (the image runs next start)", async () => {
    const load = async (redisUrl: string | undefined) => {
      vi.resetModules();
      vi.stubEnv("REDIS_URL", redisUrl);
      try {
        return (await import("@/next.config")).default;
      } finally {
        vi.unstubAllEnvs();
      }
    };
    expect(await load(undefined)).not.toHaveProperty("cacheHandler");
    expect((await load("redis://127.0.0.1:6379")).cacheHandler).toMatch(/redis-cache-handler\.mjs$/);
    expect((await load(undefined)).output).toBeUndefined();
  });
});

describe("compose.yaml", () => {
  const lines = yamlLines("compose.yaml");
  const services = section(lines, "services", 0);

  it("names two app instances, a worker, a load balancer, PostgreSQL, Redis and an object store", () => {
    expect(keysOf(services)).toEqual(expect.arrayContaining(["app1", "app2", "worker", "lb", "postgres", "redis", "minio", "minio-init"]));
    expect(lines).toContain("  app1: *app");
    expect(lines).toContain("  app2: *app");
    expect(section(services, "postgres", 2).join("\n")).toMatch(/image: postgres:1[56]/);
    expect(section(services, "redis", 2).join("\n")).toMatch(/image: redis:7/);
    expect(section(services, "minio-init", 2).join("\n")).toMatch(/mc mb --ignore-existing local\/convene-uploads/);
  });

  it("runs the worker's bundle without the HTTP check, and balances over both app instances", () => {
    const worker = section(services, "worker", 2).join("\n");
    expect(worker).toContain('command: ["node", "dist/worker.mjs"]');
    expect(worker).toMatch(/healthcheck:\s+disable: true/);
    const mount = /- \.\/(\S+):\/etc\/nginx\/conf\.d\/default\.conf:ro/.exec(section(services, "lb", 2).join("\n"))?.[1];
    const nginx = read(mount!);
    expect(nginx).toMatch(/server app1:3000/);
    expect(nginx).toMatch(/server app2:3000/);
    expect(nginx).toContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
  });

  it("gives the web instances no scheduler (the worker runs it) and trusts the one proxy", () => {
    const appEnv = section(lines, "x-app-env", 0);
    expect(appEnv).toContain("  NOTIFICATIONS_INTERVAL_SECONDS: 0");
    expect(appEnv).toContain("  TRUSTED_PROXY_HOPS: 1");
    expect(section(section(services, "worker", 2), "environment", 4)).toContain("      NOTIFICATIONS_INTERVAL_SECONDS: 60");
  });
});

describe("manifest.yml", () => {
  const lines = yamlLines("manifest.yml");
  const text = lines.join("\n");

  it("binds the database, Redis and S3 services, runs two web instances checked on /api/health/live and a worker", () => {
    expect(text).toMatch(/cf create-service aws-rds \S+ convene-db/);
    expect(text).toMatch(/cf create-service aws-elasticache-redis \S+ convene-redis/);
    expect(text).toMatch(/cf create-service s3 \S+ convene-uploads/);
    const processes = text.split(/^ {6}- type: /m).slice(1);
    const [web, worker] = processes;
    expect(processes.map((process) => process.split("\n")[0])).toEqual(["web", "worker"]);
    expect(web).toMatch(/instances: 2/);
    expect(web).toMatch(/health-check-type: http\n\s+health-check-http-endpoint: \/api\/health\/live/);
    expect(web).toMatch(
      /command: exports="\$\(node scripts\/cloud-gov-env\.mjs\)" && eval "\$exports" && exec node .*--import \.\/scripts\/peer-address\.mjs node_modules\/next\/dist\/bin\/next start$/m,
    );
    expect(worker).toMatch(/command: exports="\$\(node scripts\/cloud-gov-env\.mjs\)" && eval "\$exports" && exec node dist\/worker\.mjs$/m);
  });
});

describe("the variables compose.yaml and manifest.yml set", () => {
  const composeLines = yamlLines("compose.yaml");
  const manifestLines = yamlLines("manifest.yml");
  const set = new Set([
    ...keysOf(section(composeLines, "x-app-env", 0)),
    ...keysOf(section(section(section(composeLines, "services", 0), "worker", 2), "environment", 4)),
    ...keysOf(section(manifestLines, "env", 4)),
  ]);

  it("finds them", () => {
    expect(set).toContain("DATABASE_URL");
    expect(set).toContain("AUTH_SECRET");
    expect(set).toContain("NOTIFICATIONS_INTERVAL_SECONDS");
  });

  it("are each one Convene's code reads, or the AWS SDK's or Cloud Foundry's", () => {
    const unknown = [...set].filter((name) => !knownToCode(name) && !platformVariable(name));
    expect(unknown).toEqual([]);
  });
});
