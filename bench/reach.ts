/**
 * `npm run bench:reach`: times every reach dashboard query on the scaled data set (100,000
 * members, 300,000 RSVPs, 10,000 events) in a scratch PostgreSQL database, and prints each
 * one's EXPLAIN (ANALYZE, BUFFERS). The queries are the real lib/reach ones, captured as
 * postgres.js sends them. Target: under 300 ms each.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:reach
 */
import { readFile } from "node:fs/promises";
import os from "node:os";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { installDbHandle, type Db } from "@/db";
import { rowsOf } from "@/db/rows";
import * as schema from "@/db/schema";
import { migratePostgres } from "@/db/migrate";
import { createScratchDatabase } from "@/db/scratch";
import { GOVERNMENT_LEVEL_LABELS, type GovernmentLevel } from "@/lib/members/government-levels";
import { makePeriod, dayIn } from "@/lib/reach/period-schema";
import { newMembers, reachByLevel, reachByOrganization, reachSummary, type ReachScope } from "@/lib/reach/queries";
import { FULL_SIZE, seedScaled } from "./seed-scaled";

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error("Set DATABASE_URL to a PostgreSQL server: the figures and plans are PostgreSQL's.");

const RUNS = Number(process.env.BENCH_REACH_RUNS ?? 7);
const TARGET_MS = 300;
const TZ = "America/New_York";
const LABELS = Object.fromEntries(Object.entries(GOVERNMENT_LEVEL_LABELS).map(([k, v]) => [k, v.tag])) as Record<GovernmentLevel, string>;

const scratch = await createScratchDatabase(serverUrl);
let capturing = false;
let captured: { query: string; params: unknown[] }[] = [];
const client = postgres(scratch.url, {
  max: 1,
  onnotice: () => {},
  debug: (_connection, query, params) => {
    if (capturing) captured.push({ query, params: params as unknown[] });
  },
});

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

try {
  await migratePostgres(scratch.url);
  const db = drizzle(client, { schema }) as unknown as Db;
  installDbHandle({ db, driver: "postgres", close: async () => {} });
  const seedStart = performance.now();
  await seedScaled(db, FULL_SIZE);
  const counts = rowsOf<{ users: number; rsvps: number; events: number }>(
    await db.execute(
      sql`select (select count(*)::int from users) as users, (select count(*)::int from rsvps) as rsvps, (select count(*)::int from events) as events`,
    ),
  )[0]!;
  console.log(`Seeded ${counts.users} users, ${counts.rsvps} RSVPs, ${counts.events} events in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

  const now = new Date();
  const today = dayIn(now, TZ);
  const shift = (days: number) => dayIn(new Date(now.getTime() + days * 86_400_000), TZ);
  const last90 = makePeriod(shift(-89), today, "week", TZ);
  const lastYear = makePeriod(shift(-365), today, "month", TZ);
  const yearWeeks = makePeriod(shift(-365), today, "week", TZ);
  // The busiest past event, and the whole of its life as its dashboard's default period.
  const [busiest] = rowsOf<{ id: string; rsvps: number }>(
    await db.execute(sql`
      select e.id, count(*)::int as rsvps from events e join rsvps r on r.event_id = e.id
      where e.status = 'published' and e.ends_at < now() group by e.id order by count(*) desc, e.id limit 1`),
  );
  const event: ReachScope = { kind: "event", eventId: busiest!.id };
  const eventLife = makePeriod(shift(-365), today, "week", TZ);
  const community: ReachScope = { kind: "community" };

  const queries: [string, () => Promise<unknown>][] = [
    ["community, 90 days: summary", () => reachSummary(db, community, last90, now)],
    ["community, 90 days: by level", () => reachByLevel(db, community, last90, now, LABELS)],
    ["community, 90 days: by organization (top 10 + other)", () => reachByOrganization(db, community, last90, now)],
    ["community, 90 days: new members by week", () => newMembers(db, last90)],
    ["community, 366 days: summary", () => reachSummary(db, community, lastYear, now)],
    ["community, 366 days: by level", () => reachByLevel(db, community, lastYear, now, LABELS)],
    ["community, 366 days: by organization (top 10 + other)", () => reachByOrganization(db, community, lastYear, now)],
    ["community, 366 days: new members by month", () => newMembers(db, lastYear)],
    ["community, 366 days: new members by week", () => newMembers(db, yearWeeks)],
    [`event (${busiest!.rsvps} RSVPs): summary`, () => reachSummary(db, event, eventLife, now)],
    [`event (${busiest!.rsvps} RSVPs): by level`, () => reachByLevel(db, event, eventLife, now, LABELS)],
    [`event (${busiest!.rsvps} RSVPs): by organization`, () => reachByOrganization(db, event, eventLife, now)],
  ];

  // CPU time of the database backend, from /proc (the server is on this machine): unlike wall time it does not
  // grow with the load other processes put on the machine. Measured without parallel workers, whose CPU is elsewhere.
  const backendPid = rowsOf<{ pid: number }>(await db.execute(sql`select pg_backend_pid() as pid`))[0]!.pid;
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  const backendCpuMs = async () => {
    try {
      const fields = (await readFile(`/proc/${backendPid}/stat`, "utf8")).split(") ")[1]!.split(" ");
      return (Number(fields[11]) + Number(fields[12])) / ticksPerMs;
    } catch {
      return Number.NaN; // the server is elsewhere
    }
  };

  const results: { label: string; medianMs: number; maxMs: number; cpuMs: number }[] = [];
  for (const [label, run] of queries) {
    await run(); // warm the cache, as a dashboard in use would be
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await run();
      times.push(performance.now() - start);
    }
    await db.execute(sql`set max_parallel_workers_per_gather = 0`);
    const cpuBefore = await backendCpuMs();
    for (let i = 0; i < RUNS; i++) await run();
    const cpuMs = ((await backendCpuMs()) - cpuBefore) / RUNS;
    await db.execute(sql`reset max_parallel_workers_per_gather`);
    results.push({ label, medianMs: median(times), maxMs: Math.max(...times), cpuMs });
    captured = [];
    capturing = true;
    await run();
    capturing = false;
    for (const { query, params } of captured) {
      console.log(`\n=== ${label} ===\n${query.trim()}\n-- params: ${JSON.stringify(params)}`);
      const plan = await client.unsafe(`explain (analyze, buffers) ${query}`, params as never[]);
      console.log(plan.map((row) => row["QUERY PLAN"] as string).join("\n"));
    }
  }

  const server = rowsOf<{ version: string }>(await db.execute(sql`select version()`))[0]!.version;
  console.log(`\nReach queries, ${RUNS} warm runs each (median, max), ${new Date().toISOString()}`);
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GB; ${server.split(",")[0]}`);
  console.log(
    `Load average at the end (1, 5, 15 min): ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(", ")}`,
  );
  console.log(`Data: ${counts.users} users, ${counts.rsvps} RSVPs, ${counts.events} events\n`);
  console.log("| query | median ms | max ms | backend CPU ms, serial | under 300 ms |\n| --- | ---: | ---: | ---: | --- |");
  for (const r of results) {
    console.log(`| ${r.label} | ${r.medianMs.toFixed(1)} | ${r.maxMs.toFixed(1)} | ${r.cpuMs.toFixed(0)} | ${r.medianMs < TARGET_MS ? "yes" : "NO"} |`);
  }
  const slow = results.filter((r) => r.medianMs >= TARGET_MS);
  if (slow.length > 0) process.exitCode = 1;
} finally {
  installDbHandle(undefined);
  await client.end();
  await scratch.drop();
}
