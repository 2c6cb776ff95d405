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

  it("builds in stages from Node 24 slim, the standalone output asked for in the build stage", () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-[a-z]*-?slim$/m);
    expect(stages.map((stage) => /^\S+ AS (\w+)/.exec(stage)?.[1])).toEqual(["deps", "build", "runtime"]);
    expect(stages[0]).toMatch(/RUN npm ci\b/);
    expect(stages[1]).toMatch(/NEXT_OUTPUT=standalone/);
    // A standalone server keeps the configuration it was built with: the Redis handler must be built in.
    expect(stages[1]).toMatch(/CONVENE_CACHE_HANDLER=redis/);
    expect(stages[1]).toMatch(/node scripts\/build-worker\.mjs/);
  });

  it("runs as a user other than root, with the socket-address preload, and checks /api/health/live", () => {
    const user = /^USER (\S+)$/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
    expect(runtime.indexOf("USER ")).toBeLessThan(runtime.indexOf("CMD "));
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(runtime)![1]!) as string[];
    expect(cmd.slice(-3)).toEqual(["--import", "./scripts/peer-address.mjs", "server.js"]);
    expect(cmd.join(" ")).toContain(read("package.json").match(/--max-old-space-size=\d+/)![0]);
    expect(runtime).toMatch(/HEALTHCHECK[\s\S]*\/api\/health\/live/);
  });

  it("copies what the standalone server does not bring: static files, migrations, the bundles and the scripts the commands name", () => {
    const copied = [...runtime.matchAll(/^COPY --from=build (.+) \S+$/gm)].flatMap((match) => match[1]!.split(" "));
    expect(copied).toEqual(expect.arrayContaining(["/src/.next/standalone", "/src/.next/static", "/src/db/migrations", "/src/dist"]));
    for (const source of copied.filter((file) => /^\/src\/(scripts|db)\//.test(file))) expect(existsSync(source.slice("/src/".length)), source).toBe(true);
    // Next's standalone server leaves public/ out; today there is none.
    if (existsSync("public")) expect(copied).toContain("/src/public");
  });

  it("keeps the host's node_modules, builds and secrets out of the build context", () => {
    const ignored = read(".dockerignore").split("\n");
    expect(ignored).toEqual(expect.arrayContaining(["node_modules", ".next", ".data", ".env", ".git"]));
  });
});

describe("next.config.ts", () => {
  it("asks for the standalone output only when NEXT_OUTPUT=standalone, so `npm start` and the tests are unchanged", async () => {
    const load = async (value: string | undefined) => {
      vi.resetModules();
      vi.stubEnv("NEXT_OUTPUT", value);
      try {
        return (await import("@/next.config")).default;
      } finally {
        vi.unstubAllEnvs();
      }
    };
    expect((await load(undefined)).output).toBeUndefined();
    expect((await load("standalone")).output).toBe("standalone");
  });

  it("builds the Redis cache handler in with REDIS_URL or the image's CONVENE_CACHE_HANDLER=redis, and not otherwise", async () => {
    const load = async (env: Record<string, string | undefined>) => {
      vi.resetModules();
      for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
      try {
        return (await import("@/next.config")).default;
      } finally {
        vi.unstubAllEnvs();
      }
    };
    expect((await load({ REDIS_URL: undefined, CONVENE_CACHE_HANDLER: undefined })).cacheHandler).toBeUndefined();
    expect((await load({ REDIS_URL: "redis://127.0.0.1:6379", CONVENE_CACHE_HANDLER: undefined })).cacheHandler).toMatch(/redis-cache-handler\.mjs$/);
    expect((await load({ REDIS_URL: undefined, CONVENE_CACHE_HANDLER: "redis" })).cacheHandler).toMatch(/redis-cache-handler\.mjs$/);
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
      /command: exports="\$\(node scripts\/cloud-gov-env\.mjs\)" && eval "\$exports" && exec node .*--import \.\/scripts\/peer-address\.mjs server\.js$/m,
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
