/**
 * `npm run bench`: seeds the scaled data set into a fresh database (PostgreSQL when
 * DATABASE_URL is set, PGlite otherwise), builds and starts the production server,
 * and measures each page at a fixed number of connections, two references, an RSVP
 * rush and the server's peak memory. Prints one table. See BENCHMARKS.md.
 *
 *   BENCH_SECONDS (10)  BENCH_WARMUP_SECONDS (3)  BENCH_CONNECTIONS (50)
 *   BENCH_SKIP_BUILD=1  reuse .next-bench        BENCH_RUSH_MEMBERS (1000)
 *   BENCH_SERVER_NODE_OPTIONS  Node flags for the server (default: the heap cap of `npm start`)
 */
import { execSync } from "node:child_process";
import { sql } from "drizzle-orm";
import { installDbHandle } from "@/db";
import { rowsOf } from "@/db/rows";
import { rotateFeedToken } from "@/lib/calendar/feed-tokens";
import { createFreshDb, type FreshDb } from "./fresh-db";
import { runLoad, type LoadResult } from "./load";
import { cpuMs, sampleMemory } from "./memory";
import { startReferenceServer } from "./reference-server";
import { runLibRush, type LibRushResult } from "./lib-rush";
import { checkRsvpRush, findActionId, runRsvpRush, type RushCheck, type RushTiming } from "./rsvp-rush";
import { createRushEvent, createSessions, FULL_SIZE, seedScaled, type ScaledSize } from "./seed-scaled";
import { buildServer, serverNodeFlags, startServer } from "./server";
import { printReport, type Row } from "./report";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rushMembers = Number(process.env.BENCH_RUSH_MEMBERS ?? 1000);
const SMALL_SIZE: ScaledSize = { events: 100, members: 1_000, rsvps: 3_000, resources: 50 };
const COOKIE = "authjs.session-token";

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const began = Date.now();
  const result = await work();
  console.log(`${label}: ${((Date.now() - began) / 1000).toFixed(1)} s`);
  return result;
}

async function seedFull(fresh: FreshDb) {
  const db = fresh.handle.db;
  await timed(`Seeded ${FULL_SIZE.events} events, ${FULL_SIZE.members} members, ${FULL_SIZE.rsvps} RSVPs, ${FULL_SIZE.resources} resources`, () =>
    seedScaled(db, FULL_SIZE),
  );
  const rush = await createRushEvent(db);
  const readers = await createSessions(db, { count: connections, offset: 0 });
  const rushers = await createSessions(db, { count: rushMembers, offset: 10_000 });
  const [page] = rowsOf<{ slug: string }>(
    await db.execute(sql`
      select slug from events where status = 'published' and capacity is not null and starts_at > now() + interval '1 day'
      order by starts_at limit 1`),
  );
  // A member with RSVPs of their own, so the personal feed has events in it.
  const [feedOwner] = rowsOf<{ id: string; email: string }>(
    await db.execute(sql`
      select u.id, u.email from users u join rsvps r on r.user_id = u.id
      join events e on e.id = r.event_id and e.starts_at > now()
      where u.email like 'member%' group by u.id order by count(*) desc limit 1`),
  );
  installDbHandle(fresh.handle);
  const feedToken = await rotateFeedToken({
    id: feedOwner!.id,
    email: feedOwner!.email,
    name: null,
    role: "member",
    timeZone: "America/New_York",
    hasJoined: true,
  });
  installDbHandle(undefined);
  return { rush, readers, rushers, eventSlug: page!.slug, feedToken };
}

async function measure(label: string, url: string, options: { cookies?: string[]; group: Row["group"]; serverPid?: number }): Promise<Row> {
  const perConnectionHeaders = options.cookies?.map((token) => ({ cookie: `${COOKIE}=${token}` }));
  await runLoad({ url, connections, seconds: warmup, perConnectionHeaders });
  const sampler = options.serverPid ? sampleMemory(options.serverPid) : undefined;
  const cpuBefore = options.serverPid ? cpuMs(options.serverPid) : 0;
  const result: LoadResult = await runLoad({ url, connections, seconds, perConnectionHeaders });
  const cpuPerRequestMs = options.serverPid ? (cpuMs(options.serverPid) - cpuBefore) / Math.max(result.requests, 1) : undefined;
  const peakRssMb = sampler?.stop().peakRssMb;
  console.log(`  ${label}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.bytesPerResponse} B`);
  return { label, group: options.group, peakRssMb, cpuPerRequestMs, ...result };
}

const driver = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
console.log(`Convene bench on ${driver}: ${connections} connections, ${seconds} s per route after ${warmup} s warm-up`);
console.log(`Server node flags: ${serverNodeFlags().join(" ") || "(none)"}`);

const full = await timed("Fresh database (full)", () => createFreshDb("full"));
const small = await timed("Fresh database (100 events)", () => createFreshDb("small"));
const rows: Row[] = [];
let rushTiming: RushTiming | undefined;
let rushCheck: RushCheck | undefined;
let rushRssMb: number | undefined;
let rushCpuMs: number | undefined;
let libRush: LibRushResult | undefined;
let memory: ReturnType<ReturnType<typeof sampleMemory>["stop"]> | undefined;
try {
  const seeded = await seedFull(full);
  await timed("Seeded the 100-event database", () => seedScaled(small.handle.db, SMALL_SIZE));
  await full.release();
  await small.release();
  await timed("Build", async () => buildServer());

  const server = await startServer(full.env);
  const sampler = sampleMemory(server.pid);
  try {
    console.log(`Server ${server.url} (pid ${server.pid})`);
    const readerCookies = seeded.readers.map((session) => session.token);
    const eventsResponse = await fetch(`${server.url}/events`);
    const eventsBytes = Buffer.from(await eventsResponse.arrayBuffer());
    const reference = await startReferenceServer(eventsBytes, eventsResponse.headers.get("content-type") ?? "text/html");
    try {
      rows.push(await measure("node:http, /events bytes", reference.url, { group: "reference" }));
    } finally {
      await reference.stop();
    }
    rows.push(await measure("static Next page", `${server.url}/bench-static`, { group: "reference", serverPid: server.pid }));
    rows.push(await measure("home /", `${server.url}/`, { group: "visitor", serverPid: server.pid }));
    rows.push(await measure("/events", `${server.url}/events`, { group: "visitor", serverPid: server.pid }));
    rows.push(await measure("event page, visitor", `${server.url}/events/${seeded.eventSlug}`, { group: "visitor", serverPid: server.pid }));
    rows.push(await measure("community.ics", `${server.url}/calendar/community.ics`, { group: "visitor", serverPid: server.pid }));
    rows.push(
      await measure("event page, member", `${server.url}/events/${seeded.eventSlug}`, { group: "member", cookies: readerCookies, serverPid: server.pid }),
    );
    rows.push(await measure("personal feed .ics", `${server.url}/calendar/feed/${seeded.feedToken}.ics`, { group: "member", serverPid: server.pid }));
    rows.push(await measure("/resources, member", `${server.url}/resources`, { group: "member", cookies: readerCookies, serverPid: server.pid }));

    console.log(`RSVP rush: ${seeded.rushers.length} members, 100 seats, 100 concurrent`);
    const rushSampler = sampleMemory(server.pid);
    const rushCpuBefore = cpuMs(server.pid);
    rushTiming = await runRsvpRush({
      url: server.url,
      event: seeded.rush,
      sessions: seeded.rushers,
      actionId: findActionId(".next-bench", "app/(site)/events/[slug]/actions.ts", "changeRsvp"),
      concurrency: 100,
    });
    rushRssMb = rushSampler.stop().peakRssMb;
    rushCpuMs = (cpuMs(server.pid) - rushCpuBefore) / seeded.rushers.length;
  } finally {
    memory = sampler.stop();
    await server.stop();
  }
  const reopened = await full.reopen();
  rushCheck = await checkRsvpRush(reopened.db, seeded.rush.id, rushTiming!.reported);
  libRush = await timed("RSVP rush through lib/ only", () => runLibRush(reopened, { members: rushMembers, offset: 20_000, concurrency: 100 }));
  await full.release();

  const smallServer = await startServer(small.env);
  try {
    rows.push(await measure("/events at 100 events", `${smallServer.url}/events`, { group: "scale", serverPid: smallServer.pid }));
  } finally {
    await smallServer.stop();
  }
} finally {
  await full.drop();
  await small.drop();
}

printReport({
  driver,
  connections,
  seconds,
  rows,
  rush: rushTiming && rushCheck ? { ...rushTiming, ...rushCheck, peakRssMb: rushRssMb, cpuPerRsvpMs: rushCpuMs } : undefined,
  libRush,
  memory,
  uptime: execSync("uptime").toString().trim(),
});
