import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { createClient } from "redis";
import { expect, test, type Browser } from "@playwright/test";
import { createScratchDatabase } from "../db/scratch";
import { startS3Server, type TestS3Server } from "../test/s3-server";
import { pdfBytes } from "./files";
import { freePort, nextStartArgs, waitForHealth } from "./servers";

/**
 * Instances that share nothing but PostgreSQL, Redis (REDIS_URL) and an S3 bucket
 * (STORAGE_URL): a data folder each, as separate machines would have. An organizer's edit
 * through one must reach a visitor of the other on that visitor's next request, because the
 * tag expiry is kept in Redis, and a file uploaded through one downloads from the other. The same steps without Redis show the old page, so the first test
 * can fail; and an instance whose Redis is gone still serves its pages from the database.
 * Uses the build the e2e server made, a scratch database and a key prefix of its own.
 */
const databaseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const redisUrl = "redis://127.0.0.1:6379";
const keyPrefix = `convene-e2e-${randomBytes(4).toString("hex")}:`;

test.describe.configure({ mode: "serial" });

type Instance = { origin: string; server: ChildProcess; output: string[]; dataDir: string };

let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
let sql: postgres.Sql | undefined;
const redis = createClient({ url: redisUrl, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
let redisUp = false;
const secret = randomBytes(32).toString("base64url");
let organizerToken = "";
let s3: TestS3Server | undefined;
const started: Instance[] = [];

async function startInstances(count: number, env: Record<string, string>): Promise<Instance[]> {
  const instances: Instance[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convene-two-instances-"));
    const server = spawn(process.execPath, nextStartArgs(port), {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: scratch!.url,
        AUTH_SECRET: secret,
        AUTH_URL: origin,
        DATA_DIR: dataDir,
        SMTP_URL: "",
        NEXT_TELEMETRY_DISABLED: "1",
        REDIS_URL: "",
        ...env,
      },
    });
    const output: string[] = [];
    for (const stream of [server.stdout!, server.stderr!]) stream.setEncoding("utf8").on("data", (chunk: string) => output.push(...chunk.split("\n")));
    instances.push({ origin, server, output, dataDir });
  }
  started.push(...instances);
  await Promise.all(instances.map((instance) => waitForHealth(instance.origin)));
  return instances;
}

async function stop(instances: Instance[]) {
  for (const { server } of instances) server.kill("SIGTERM");
  await Promise.all(instances.map(({ server }) => new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once("exit", resolve)))));
  for (const { dataDir } of instances) fs.rmSync(dataDir, { recursive: true, force: true });
}

async function publishedEvent(title: string) {
  const slug = `shared-cache-${randomUUID().slice(0, 8)}`;
  const [event] = await sql!`
    insert into events (slug, title, summary, body, format, location, starts_at, ends_at, status, published_at)
    values (${slug}, ${title}, 'One cache for every server.', 'Bring questions.', 'in_person', 'GSA Headquarters, Room 1201',
            now() + interval '7 days', now() + interval '7 days 1 hour', 'published', now())
    returning id`;
  return { id: event!.id as string, slug };
}

/** The event page as a visitor without a cookie gets it (the cached twin), and whether it came from the cache. */
async function visit(origin: string, slug: string) {
  const response = await fetch(`${origin}/events/${slug}`);
  return { status: response.status, cache: response.headers.get("x-nextjs-cache"), html: await response.text() };
}

/** A visitor asks twice; the second answer comes from the cache. */
async function warm(origin: string, slug: string, title: string) {
  await visit(origin, slug);
  const second = await visit(origin, slug);
  expect(second.status).toBe(200);
  expect(second.cache).toBe("HIT");
  expect(second.html).toContain(title);
}

/** An organizer with a session, made once the first instance has migrated the scratch database. */
async function organizerSession() {
  if (organizerToken) return organizerToken;
  const [organizer] = await sql!`
    insert into users (email, name, email_verified, guidelines_accepted_at, role)
    values (${`organizer-${randomUUID().slice(0, 8)}@agency.gov`}, 'Olive Organizer', now(), now(), 'organizer')
    returning id`;
  organizerToken = randomBytes(24).toString("hex");
  await sql!`insert into sessions (session_token, user_id, expires) values (${organizerToken}, ${organizer!.id}, now() + interval '1 day')`;
  return organizerToken;
}

/** The organizer changes the title on the edit page, as in a browser. */
async function editTitle(browser: Browser, origin: string, eventId: string, title: string) {
  const token = await organizerSession();
  const context = await browser.newContext({ baseURL: origin });
  await context.addCookies([{ name: "authjs.session-token", value: token, url: origin }]);
  const page = await context.newPage();
  await page.goto(`/manage/events/${eventId}/edit`);
  await page.locator("main form").getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await context.close();
}

test.beforeAll(async () => {
  const pgUp = await postgres(databaseUrl, { max: 1, connect_timeout: 3 })`select 1`.then(() => true).catch(() => false);
  // CI machines run both services: there a missing one fails the spec rather than skipping it.
  if (process.env.CI && !pgUp) throw new Error(`CI needs PostgreSQL at ${databaseUrl}`);
  test.skip(!pgUp, `needs PostgreSQL at ${databaseUrl}`);
  redisUp = await redis.connect().then(
    () => true,
    () => false,
  );
  if (process.env.CI && !redisUp) throw new Error(`CI needs Redis at ${redisUrl}`);
  test.skip(!redisUp, `needs Redis at ${redisUrl}`);
  scratch = await createScratchDatabase(databaseUrl);
  sql = postgres(scratch.url, { max: 2, onnotice: () => {} });
  s3 = await startS3Server({ prefix: "two-instances" });
});

test.afterAll(async () => {
  await stop(started.filter(({ server }) => server.exitCode === null));
  await sql?.end();
  await scratch?.drop();
  await s3?.stop();
  if (redisUp) {
    for await (const keys of redis.scanIterator({ MATCH: `${keyPrefix}*`, COUNT: 500 })) if (keys.length) await redis.del(keys);
    await redis.close();
  }
});

/** The organizer uploads a PDF on the upload page of `origin`, as in a browser; its resource id. */
async function uploadFile(browser: Browser, origin: string, title: string, bytes: Buffer): Promise<string> {
  const token = await organizerSession();
  const context = await browser.newContext({ baseURL: origin });
  await context.addCookies([{ name: "authjs.session-token", value: token, url: origin }]);
  const page = await context.newPage();
  await page.goto("/manage/resources/new?kind=file");
  await page.getByLabel("File").setInputFiles({ name: "shared-slides.pdf", mimeType: "application/pdf", buffer: bytes });
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Type").selectOption("slides");
  await page.getByRole("button", { name: "Upload file" }).click();
  await expect(page).toHaveURL(/\/manage\/resources\?done=added$/);
  await context.close();
  const [resource] = await sql!`select id from resources where title = ${title}`;
  return resource!.id as string;
}

/** Every file under `dir`, however deep. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

test("with Redis and S3, an organizer's edit and upload on instance A reach instance B on its next request", async ({ browser }) => {
  test.setTimeout(180_000);
  const [a, b] = await startInstances(2, { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: keyPrefix, ...s3!.env });
  const event = await publishedEvent("Shared cache clinic");
  await warm(b!.origin, event.slug, "Shared cache clinic");
  // B's page is in Redis, under this run's prefix and B's build.
  expect((await redis.keys(`${keyPrefix}*:entry:*`)).length).toBeGreaterThan(0);

  await editTitle(browser, a!.origin, event.id, "Shared cache clinic, moved");
  const next = await visit(b!.origin, event.slug);
  expect(next.status).toBe(200);
  expect(next.html).toContain("Shared cache clinic, moved");

  // A file uploaded through A is in the bucket, on neither instance's disk, and B serves it byte for byte.
  const bytes = pdfBytes(`shared-${randomUUID()}`);
  const resourceId = await uploadFile(browser, a!.origin, "Slides from the shared cache clinic", bytes);
  expect(filesUnder(s3!.directory).some((file) => file.includes("two-instances"))).toBe(true);
  for (const { dataDir } of [a!, b!]) {
    const uploads = path.join(dataDir, "uploads");
    const kept = fs.existsSync(uploads) ? filesUnder(uploads).filter((file) => !file.includes(`${path.sep}.incoming${path.sep}`)) : [];
    expect(kept).toEqual([]);
  }
  const download = await fetch(`${b!.origin}/resources/${resourceId}/download`, { headers: { cookie: `authjs.session-token=${organizerToken}` } });
  expect(download.status).toBe(200);
  expect(Buffer.compare(Buffer.from(await download.arrayBuffer()), bytes)).toBe(0);
  await stop([a!, b!]);
});

test("without Redis, the same edit is not on instance B at once: each keeps its own cache (what Redis fixes)", async ({ browser }) => {
  test.setTimeout(180_000);
  const [a, b] = await startInstances(2, {});
  const event = await publishedEvent("Local cache clinic");
  await warm(b!.origin, event.slug, "Local cache clinic");

  await editTitle(browser, a!.origin, event.id, "Local cache clinic, moved");
  const next = await visit(b!.origin, event.slug);
  expect(next.cache).toBe("HIT");
  expect(next.html).toContain("Local cache clinic");
  expect(next.html).not.toContain("Local cache clinic, moved");
  await stop([a!, b!]);
});

test("with Redis gone, an instance still serves visitor pages from the database and says so once", async () => {
  test.setTimeout(120_000);
  const [down] = await startInstances(1, { REDIS_URL: `redis://127.0.0.1:${await freePort()}`, REDIS_KEY_PREFIX: keyPrefix });
  const event = await publishedEvent("No cache clinic");
  for (let i = 0; i < 5; i++) {
    const answer = await visit(down!.origin, event.slug);
    expect(answer.status).toBe(200);
    expect(answer.html).toContain("No cache clinic");
  }
  const fallback = down!.output.filter((line) => line.includes("Redis unavailable"));
  expect(fallback).toHaveLength(1);
  expect(fallback[0]).toContain("computed from the database");
  await stop([down!]);
});
