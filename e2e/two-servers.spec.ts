import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { expect, test } from "@playwright/test";
import { createScratchDatabase } from "../db/scratch";
import { freePort, nextStartArgs, waitForHealth } from "./servers";

/**
 * Two `next start` processes on one PostgreSQL database, the way Convene runs
 * behind a load balancer: members RSVP through both at once, and capacity stays
 * exact. Uses the build the e2e server made, and a scratch database of its own.
 */
const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CAPACITY = 20;
const MEMBERS = 120;

test.describe.configure({ mode: "serial" });

let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
let sql: postgres.Sql | undefined;
const servers: ChildProcess[] = [];
const origins: string[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "convene-two-servers-"));

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const reachable = await postgres(serverUrl, { max: 1, connect_timeout: 3 })`select 1`.then(() => true).catch(() => false);
  // CI machines run PostgreSQL: there an unreachable one fails the spec rather than skipping it.
  if (process.env.CI && !reachable) throw new Error(`CI needs PostgreSQL at ${serverUrl}`);
  test.skip(!reachable, `needs PostgreSQL at ${serverUrl}`);
  scratch = await createScratchDatabase(serverUrl);
  const secret = randomBytes(32).toString("base64url");
  // Both start at once: their start-up migrations take turns under the advisory lock.
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    origins.push(origin);
    servers.push(
      spawn(process.execPath, nextStartArgs(port), {
        stdio: "ignore",
        env: {
          ...process.env,
          NODE_ENV: "production",
          DATABASE_URL: scratch.url,
          AUTH_SECRET: secret,
          AUTH_URL: origin,
          DATA_DIR: dataDir,
          SMTP_URL: "",
          NEXT_TELEMETRY_DISABLED: "1",
        },
      }),
    );
  }
  await Promise.all(origins.map(waitForHealth));
  sql = postgres(scratch.url, { max: 4, onnotice: () => {} });
});

test.afterAll(async () => {
  for (const server of servers) server.kill("SIGTERM");
  await Promise.all(servers.map((s) => new Promise((resolve) => (s.exitCode !== null ? resolve(null) : s.once("exit", resolve)))));
  await sql?.end();
  await scratch?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("an RSVP rush split across two servers fills exactly the capacity, waitlist in order", async ({ browser }) => {
  test.setTimeout(180_000);
  const db = sql!;
  const slug = `rush-${randomUUID().slice(0, 8)}`;
  const [event] = await db`
    insert into events (slug, title, summary, starts_at, ends_at, status, published_at, capacity)
    values (${slug}, 'Launch rush', 'Many arrive at once.', now() + interval '7 days', now() + interval '7 days 1 hour', 'published', now(), ${CAPACITY})
    returning id`;
  const members = await db`
    insert into users (email, name, email_verified, guidelines_accepted_at)
    select 'rush-' || n || '-' || ${slug} || '@agency.gov', 'Rush ' || n, now(), now() from generate_series(1, ${MEMBERS}) n
    returning id`;
  const tokens = members.map(() => randomBytes(24).toString("hex"));
  await db`insert into sessions ${db(members.map((m, i) => ({ session_token: tokens[i]!, user_id: m.id as string, expires: new Date(Date.now() + 86_400_000) })))}`;

  // One real RSVP through the page, to capture the exact request a browser makes.
  const context = await browser.newContext({ baseURL: origins[0] });
  await context.addCookies([{ name: "authjs.session-token", value: tokens[0]!, url: origins[0]! }]);
  const page = await context.newPage();
  await page.goto(`/events/${slug}`);
  const [posted] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST"),
    page
      .getByRole("button", { name: /RSVP|going/i })
      .first()
      .click(),
  ]);
  await expect(page.getByText("You're going")).toBeVisible();
  const template = { ...(await posted.allHeaders()) };
  const body = posted.postDataBuffer()!;
  await context.close();
  for (const name of ["cookie", "content-length", "host", "origin", "referer"]) delete template[name];

  // Everyone else at once, alternating between the two servers.
  const responses = await Promise.all(
    tokens.slice(1).map(async (token, i) => {
      const origin = origins[i % 2]!;
      const response = await fetch(`${origin}/events/${slug}`, {
        method: "POST",
        headers: { ...template, origin, cookie: `authjs.session-token=${token}` },
        body: new Uint8Array(body),
      });
      return response.status;
    }),
  );
  expect(responses.filter((status) => status !== 200)).toEqual([]);

  const rows = await db`select user_id, status, queued_at from rsvps where event_id = ${event!.id} order by queued_at`;
  expect(rows).toHaveLength(MEMBERS);
  expect(rows.filter((r) => r.status === "going")).toHaveLength(CAPACITY);
  expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(MEMBERS - CAPACITY);
  // The first CAPACITY in lock order hold the seats; everyone after them waits, in that order.
  expect(rows.slice(0, CAPACITY).every((r) => r.status === "going")).toBe(true);
  const confirmations = await db`select count(*)::int as n from outbox where subject ilike '%launch rush%'`;
  expect(confirmations[0]!.n).toBe(MEMBERS);
});
