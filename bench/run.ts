/**
 * `npm run bench`: seeds the scaled data set into a fresh database (PostgreSQL when
 * DATABASE_URL is set, PGlite otherwise), builds and starts the production server,
 * and measures each page at a fixed number of connections, two references, an RSVP
 * rush on one instance and (PostgreSQL) on two, and every server's peak memory.
 * Prints one table and the targets of issue 20. See BENCHMARKS.md.
 *
 *   BENCH_SECONDS (10)  BENCH_WARMUP_SECONDS (3)  BENCH_CONNECTIONS (50)
 *   BENCH_SKIP_BUILD=1  reuse .next-bench        BENCH_RUSH_MEMBERS (1000)
 *   BENCH_SERVER_NODE_OPTIONS  Node flags for the server (default: the heap cap of `npm start`)
 */
import { execSync } from "node:child_process";
import { sql } from "drizzle-orm";
import { installDbHandle, type Db } from "@/db";
import { rowsOf } from "@/db/rows";
import { rotateFeedToken } from "@/lib/calendar/feed-tokens";
import { SCRIPT_COOKIE } from "@/lib/personal-answer";
import { createFreshDb, type FreshDb } from "./fresh-db";
import { runLoad, type LoadResult } from "./load";
import { machineFacts } from "./machine";
import { cpuMs, sampleMemory } from "./memory";
import { checkCachedSignedInPage, checkSignedInPage, checkVisitorPage, fetchOnWire, type WireFacts } from "./page-check";
import { histogramDelta, scrapeHistogram, sumDeltas } from "./prom";
import { startReferenceServer } from "./reference-server";
import { runLibRush, type LibRushResult } from "./lib-rush";
import { measureSessionCheck, type SessionCheckCost } from "./session-check";
import { checkRsvpRush, findActionId, runRsvpRush, type RushCheck } from "./rsvp-rush";
import { createRushEvent, createSessions, FULL_SIZE, seedScaled, type ScaledSize } from "./seed-scaled";
import { buildServer, newDeployment, serverNodeFlags, startServer, type RunningServer } from "./server";
import { printReport, type FeedFacts, type HttpRush, type ProcessMemory, type Row } from "./report";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rushMembers = Number(process.env.BENCH_RUSH_MEMBERS ?? 1000);
const SMALL_SIZE: ScaledSize = { events: 100, members: 1_000, rsvps: 3_000, resources: 50 };
const COOKIE = "authjs.session-token";
/** The event page, /events and /resources: the signed-in pages with a cached twin (lib/visitor-pages.ts); My events and the account page have none. */
const CACHED_SIGNED_IN_PAGES = 3;
const SESSION_CHECK_METRIC = "convene_session_check_seconds";
const RSVP_LOCK_METRIC = "convene_rsvp_lock_seconds";
// Members are taken by email order at these offsets, so no two groups share a person.
const OFFSETS = { readers: 0, rush: 10_000, libRush: 20_000, twoInstanceRush: 30_000 };

const driver = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
// One PGlite directory has one owner process: a second server cannot open it.
const twoInstances = driver === "PostgreSQL";
const deployment = newDeployment();

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
  const secondRush = twoInstances ? await createRushEvent(db, "bench-rush-two-instances") : undefined;
  // The second instance's first RSVPs compile its code paths; they go here, not into the measured rush.
  const warmupRush = twoInstances ? await createRushEvent(db, "bench-rush-warmup") : undefined;
  const readers = await createSessions(db, { count: connections, offset: OFFSETS.readers });
  const rushers = await createSessions(db, { count: rushMembers, offset: OFFSETS.rush });
  const secondRushers = twoInstances ? await createSessions(db, { count: rushMembers, offset: OFFSETS.twoInstanceRush }) : [];
  // My events and the account page are for members who joined; a reader who had not would measure a redirect to /join.
  const [notJoined] = rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(*)::int as n from users
      where id in (${sql.join(
        readers.map((reader) => sql`${reader.userId}::uuid`),
        sql`, `,
      )}) and (guidelines_accepted_at is null or disabled_at is not null)`),
  );
  if (notJoined!.n > 0) throw new Error(`${notJoined!.n} of the ${readers.length} reader sessions belong to members who have not joined`);
  const [page] = rowsOf<{ slug: string; title: string }>(
    await db.execute(sql`
      select slug, title from events where status = 'published' and capacity is not null and starts_at > now() + interval '1 day'
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
  return { rush, secondRush, warmupRush, readers, rushers, secondRushers, event: page!, feedToken, feedWindow: await feedWindow(db) };
}

/** What the community feed can hold in this data set: public events not over yet, and those of the last 90 days. */
async function feedWindow(db: Db) {
  const [counts] = rowsOf<{ upcoming: number; past90: number }>(
    await db.execute(sql`
      select count(*) filter (where ends_at > now())::int as upcoming,
             count(*) filter (where ends_at <= now() and starts_at >= now() - interval '90 days')::int as past90
      from events where status in ('published', 'cancelled')`),
  );
  return counts!;
}

type Measured = { server?: RunningServer };

async function sessionCheckTotals(server: RunningServer | undefined) {
  return server ? await scrapeHistogram(server.url, deployment.metricsToken, SESSION_CHECK_METRIC) : undefined;
}

async function measure(
  label: string,
  url: string,
  options: Measured & {
    cookies?: string[];
    headers?: Record<string, string>;
    group: Row["group"];
    /** Each connection asks for these paths in turn and the row counts them as one page view (a cached page and its /api/me). */
    pageView?: string[];
  },
): Promise<Row> {
  // A browser that runs script carries convene-js=1 (app/_components/personal.tsx), which is what sends it to the cached signed-in pages.
  const cookieOf = (token: string) => (options.pageView ? `${COOKIE}=${token}; ${SCRIPT_COOKIE}=1` : `${COOKIE}=${token}`);
  const perConnectionHeaders = options.cookies?.map((token) => ({ cookie: cookieOf(token) }));
  const { server, headers, pageView: sequence } = options;
  await runLoad({ url, connections, seconds: warmup, perConnectionHeaders, headers, sequence });
  // Scraped outside the counted window: /api/metrics' own CPU and request are not the route's.
  const checkBefore = await sessionCheckTotals(server);
  const sampler = server ? sampleMemory(server.pid) : undefined;
  const cpuBefore = server ? cpuMs(server.pid) : 0;
  const measured: LoadResult = await runLoad({ url, connections, seconds, perConnectionHeaders, headers, sequence });
  // A page view is all of its requests: its rate and CPU are per view (latencies stay per request).
  const perView = sequence?.length ?? 1;
  const result: LoadResult = { ...measured, rps: measured.rps / perView, requests: Math.floor(measured.requests / perView) };
  // No answer in the window: the CPU went to requests still in flight, and a per-request figure would be made up.
  const cpuPerRequestMs = server && result.requests > 0 ? (cpuMs(server.pid) - cpuBefore) / result.requests : undefined;
  const peakRssMb = sampler?.stop().peakRssMb;
  const checkAfter = await sessionCheckTotals(server);
  // null: the server was scraped and has no such metric; undefined: not an app server (the node:http reference).
  const sessionCheck = server ? (histogramDelta(checkBefore, checkAfter) ?? null) : undefined;
  console.log(`  ${label}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.bytesPerResponse} B, ${result.non2xx} non-2xx`);
  if (options.cookies && result.non2xx > 0) {
    console.log(`  !! ${label}: ${result.non2xx} answers were not 2xx: part of this row measured something other than the signed-in page`);
  }
  return { label, group: options.group, peakRssMb, cpuPerRequestMs, sessionCheck, ...result };
}

const actionId = () => findActionId(".next-bench", "app/(site)/events/[slug]/actions.ts", "changeRsvp");

type UncheckedRush = Omit<HttpRush, keyof RushCheck>;

/**
 * One HTTP rush on one or more instances, with the CPU, memory and event-lock time each spent on it.
 * Its correctness is read from the database afterwards (checkRsvpRush): PGlite's directory is the server's while it runs.
 */
async function httpRush(
  label: string,
  servers: RunningServer[],
  event: { id: string; slug: string },
  sessions: { userId: string; token: string }[],
): Promise<UncheckedRush> {
  console.log(`${label}: ${sessions.length} members, 100 seats, 100 concurrent, ${servers.length} instance(s)`);
  const lockBefore = await Promise.all(servers.map((server) => scrapeHistogram(server.url, deployment.metricsToken, RSVP_LOCK_METRIC)));
  const samplers = servers.map((server) => sampleMemory(server.pid));
  const cpuBefore = servers.map((server) => cpuMs(server.pid));
  const timing = await runRsvpRush({
    urls: servers.map((server) => server.url),
    event,
    sessions,
    actionId: actionId(),
    concurrency: 100,
  });
  const cpuSpentMs = servers.map((server, index) => cpuMs(server.pid) - cpuBefore[index]!);
  const peaks = samplers.map((sampler) => sampler.stop());
  const lockAfter = await Promise.all(servers.map((server) => scrapeHistogram(server.url, deployment.metricsToken, RSVP_LOCK_METRIC)));
  console.log(`  ${timing.rsvpsPerSecond.toFixed(0)} RSVPs/s, p99 ${timing.p99.toFixed(0)} ms, HTTP ${JSON.stringify(timing.statuses)}`);
  return {
    ...timing,
    eventId: event.id,
    lock: sumDeltas(servers.map((_, index) => histogramDelta(lockBefore[index], lockAfter[index]))),
    instances: servers.map((server, index) => ({
      pid: server.pid,
      requests: timing.perInstance[index]!,
      cpuPerRsvpMs: cpuSpentMs[index]! / Math.max(timing.perInstance[index]!, 1),
      peakRssMb: peaks[index]!.peakRssMb,
      peakHwmMb: peaks[index]!.peakHwmMb,
    })),
  };
}

/** Every server process, sampled from its start to its stop: the memory target is per instance, through the whole run. */
const processes: { label: string; pid: number; sampler: ReturnType<typeof sampleMemory> }[] = [];
const memory: ProcessMemory[] = [];

async function startWatched(label: string, dbEnv: Record<string, string>, options?: { clearCache?: boolean }) {
  const server = await startServer(dbEnv, deployment, options);
  processes.push({ label, pid: server.pid, sampler: sampleMemory(server.pid) });
  console.log(`${label}: ${server.url} (pid ${server.pid})`);
  return {
    ...server,
    stop: async () => {
      const watched = processes.find((entry) => entry.pid === server.pid)!;
      memory.push({ label, pid: server.pid, ...watched.sampler.stop() });
      await server.stop();
    },
  };
}

async function feedFacts(url: string): Promise<{ identity: WireFacts; gzip: WireFacts }> {
  const [identity, gzip] = [await fetchOnWire(url, {}), await fetchOnWire(url, { "accept-encoding": "gzip" })];
  for (const facts of [identity, gzip]) if (facts.status !== 200) throw new Error(`community.ics answered ${facts.status}`);
  return { identity, gzip };
}

const facts = machineFacts();
console.log(`Convene bench on ${driver}: ${connections} connections, ${seconds} s per route after ${warmup} s warm-up`);
console.log(`Server node flags: ${serverNodeFlags().join(" ") || "(none)"}`);
if (!twoInstances) console.log("PGlite: the two-instance rush is skipped (one PGlite directory opens in one process only)");

const full = await timed("Fresh database (full)", () => createFreshDb("full"));
const small = await timed("Fresh database (100 events)", () => createFreshDb("small"));
const rows: Row[] = [];
let rush: HttpRush | undefined;
let secondRush: HttpRush | undefined;
const uncheckedRushes: UncheckedRush[] = [];
let libRush: LibRushResult | undefined;
let sessionCost: SessionCheckCost | undefined;
let feed: FeedFacts | undefined;
try {
  const seeded = await seedFull(full);
  await timed("Seeded the 100-event database", () => seedScaled(small.handle.db, SMALL_SIZE));
  await full.release();
  await small.release();
  await timed("Build", async () => buildServer());

  const server = await startWatched("instance 1", full.env);
  try {
    const readerCookies = seeded.readers.map((session) => session.token);
    const cookieHeaders = readerCookies.map((token) => `${COOKIE}=${token}`);
    const eventsResponse = await fetch(`${server.url}/events`);
    const eventsBytes = Buffer.from(await eventsResponse.arrayBuffer());
    const reference = await startReferenceServer(eventsBytes, eventsResponse.headers.get("content-type") ?? "text/html");
    try {
      rows.push(await measure("node:http, /events bytes", reference.url, { group: "reference" }));
    } finally {
      await reference.stop();
    }
    const eventUrl = `${server.url}/events/${seeded.event.slug}`;
    const visitorRoutes: [string, string][] = [
      ["static Next page", `${server.url}/bench-static`],
      ["home /", `${server.url}/`],
      ["/events", `${server.url}/events`],
      ["event page, visitor", eventUrl],
    ];
    for (const [label, url] of visitorRoutes) {
      await checkVisitorPage(label, url);
      rows.push(await measure(label, url, { group: label.startsWith("static") ? "reference" : "visitor", server }));
    }

    const feedUrl = `${server.url}/calendar/community.ics`;
    const wire = await feedFacts(feedUrl);
    rows.push(await measure("community.ics, no Accept-Encoding", feedUrl, { group: "feed", server }));
    rows.push(await measure("community.ics, Accept-Encoding: gzip", feedUrl, { group: "feed", server, headers: { "accept-encoding": "gzip" } }));
    feed = { ...wire, events: (wire.identity.body.match(/^BEGIN:VEVENT/gm) ?? []).length, window: seeded.feedWindow };

    const signedIn: [string, string, string][] = [
      ["event page, member", eventUrl, `${seeded.event.title}</h1>`],
      ["/events, member", `${server.url}/events`, "Upcoming events</h1>"],
      ["/resources, member", `${server.url}/resources`, "Resources</h1>"],
      ["My events, member", `${server.url}/account/events`, "My events</h1>"],
      ["/account, member", `${server.url}/account`, "Your account</h1>"],
    ];
    // What a member's browser gets: the cached page, the same for every member, then its own parts from /api/me. One page view is both.
    for (const [label, url, marker] of signedIn.slice(0, CACHED_SIGNED_IN_PAGES)) {
      const path = new URL(url).pathname;
      const pageView = [path, `/api/me?path=${encodeURIComponent(path)}`];
      await checkCachedSignedInPage(
        label,
        server.url,
        pageView,
        readerCookies.map((token) => `${COOKIE}=${token}; ${SCRIPT_COOKIE}=1`),
        marker,
      );
      rows.push(await measure(`${label}: cached page + /api/me, per view`, url, { group: "member", cookies: readerCookies, server, pageView }));
    }
    // Without script (and My events and the account page, always): rendered per request for the viewer.
    for (const [index, [label, url, marker]] of signedIn.entries()) {
      await checkSignedInPage(label, url, cookieHeaders, marker);
      // The first three also have a cached page for browsers with script, measured above.
      const cachedToo = index < CACHED_SIGNED_IN_PAGES;
      rows.push(
        await measure(cachedToo ? `${label}, without script` : label, url, { group: cachedToo ? "member-noscript" : "member", cookies: readerCookies, server }),
      );
    }
    rows.push(await measure("personal feed .ics", `${server.url}/calendar/feed/${seeded.feedToken}.ics`, { group: "personal", server }));

    uncheckedRushes.push(await httpRush("RSVP rush, one instance", [server], seeded.rush, seeded.rushers));
    if (twoInstances && seeded.secondRush) {
      // A second `next start` of the same build and database, as one deployment: same secret, same public address.
      const second = await startWatched("instance 2", full.env, { clearCache: false });
      try {
        // Instance 1 is warm from the routes above; a deployment's second instance would be too, so warm it alike.
        await runLoad({
          url: `${second.url}/events/${seeded.rush.slug}`,
          connections,
          seconds: warmup,
          perConnectionHeaders: cookieHeaders.map((cookie) => ({ cookie })),
        });
        const warm = await runRsvpRush({ urls: [second.url], event: seeded.warmupRush!, sessions: seeded.readers, actionId: actionId(), concurrency: 10 });
        console.log(
          `  instance 2 warmed up: ${warmup} s of the member event page, ${seeded.readers.length} RSVPs on another event, HTTP ${JSON.stringify(warm.statuses)}`,
        );
        uncheckedRushes.push(await httpRush("RSVP rush, two instances", [server, second], seeded.secondRush, seeded.secondRushers));
      } finally {
        await second.stop();
      }
    }
  } finally {
    await server.stop();
  }
  const reopened = await full.reopen();
  const checked = [];
  for (const unchecked of uncheckedRushes) checked.push({ ...unchecked, ...(await checkRsvpRush(reopened.db, unchecked.eventId, unchecked.reported)) });
  [rush, secondRush] = checked;
  libRush = await timed("RSVP rush through lib/ only", () => runLibRush(reopened, { members: rushMembers, offset: OFFSETS.libRush, concurrency: 100 }));
  // A failure here must not cost the run its report: it is printed and the figure left out.
  sessionCost = await timed("Session check, before and after", () =>
    measureSessionCheck(
      reopened,
      seeded.readers.map((session) => session.token),
    ),
  ).catch((error: unknown) => {
    console.log(`Session check measurement failed: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  await full.release();

  const smallServer = await startWatched("instance on the 100-event database", small.env);
  try {
    rows.push(await measure("/events at 100 events", `${smallServer.url}/events`, { group: "scale", server: smallServer }));
  } finally {
    await smallServer.stop();
  }
} finally {
  // A server left running by an error still gets its memory reported.
  for (const entry of processes) if (!memory.some((m) => m.pid === entry.pid)) memory.push({ label: entry.label, pid: entry.pid, ...entry.sampler.stop() });
  await full.drop();
  await small.drop();
}

memory.sort((a, b) => processes.findIndex((entry) => entry.pid === a.pid) - processes.findIndex((entry) => entry.pid === b.pid));

printReport({
  driver,
  connections,
  seconds,
  rows,
  rush,
  secondRush,
  twoInstancesSkipped: twoInstances ? undefined : "PGlite: one database directory opens in one process only",
  libRush,
  sessionCost,
  feed,
  memory,
  machine: { ...facts, uptimeEnd: execSync("uptime").toString().trim() },
});
