/**
 * EXPLAIN (ANALYZE, BUFFERS) of every query the public and member pages run, on the
 * scaled data set in a scratch PostgreSQL database. The queries are captured from the
 * real lib/ functions (outside Next, so the data cache is not in the way), then
 * explained one by one. Flags any sequential scan over the big tables.
 *
 *   DATABASE_URL=postgres://... npx tsx --conditions=react-server bench/explain.ts
 */
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { installDbHandle, type Db } from "@/db";
import { rowsOf } from "@/db/rows";
import * as schema from "@/db/schema";
import { migratePostgres } from "@/db/migrate";
import { createScratchDatabase } from "@/db/scratch";
import { getCommunityFeed, getPersonalFeed } from "@/lib/calendar/feeds";
import { rotateFeedToken } from "@/lib/calendar/feed-tokens";
import { getEventBySlug, getViewerEventState, listEventTopics, listPublicEvents } from "@/lib/events/queries";
import { countMembers } from "@/lib/members/queries";
import { listLibraryResources, listResourceTopics } from "@/lib/resources/library";
import { listEventResources } from "@/lib/resources/queries";
import type { Viewer } from "@/lib/viewer";
import { createSessions, FULL_SIZE, seedScaled } from "./seed-scaled";

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error("Set DATABASE_URL to a PostgreSQL server: plans are PostgreSQL's.");

const BIG_TABLES = ["events", "rsvps", "users", "resources"];
const scratch = await createScratchDatabase(serverUrl);
let captured: { query: string; params: unknown[] }[] = [];
const client = postgres(scratch.url, {
  max: 1,
  onnotice: () => {},
  debug: (_connection, query, params) => captured.push({ query, params: params as unknown[] }),
});
try {
  await migratePostgres(scratch.url);
  const db = drizzle(client, { schema }) as unknown as Db;
  installDbHandle({ db, driver: "postgres", close: async () => {} });
  await seedScaled(db, FULL_SIZE);

  const [member] = rowsOf<{ id: string; email: string }>(
    await db.execute(
      sql`select u.id, u.email from users u join rsvps r on r.user_id = u.id where u.email like 'member%' group by u.id order by count(*) desc limit 1`,
    ),
  );
  const viewer: Viewer = { id: member!.id, email: member!.email, name: null, role: "member", timeZone: "America/New_York", hasJoined: true };
  const [event] = rowsOf<{ id: string; slug: string }>(
    await db.execute(
      sql`select id, slug from events where status = 'published' and capacity is not null and starts_at > now() + interval '1 day' order by starts_at limit 1`,
    ),
  );
  const token = await rotateFeedToken(viewer);
  const [session] = await createSessions(db, { count: 1, offset: 0 });
  // The adapter as auth.ts builds it: every signed-in page starts with this lookup.
  const adapter = DrizzleAdapter(db, {
    usersTable: schema.users,
    accountsTable: schema.accounts,
    sessionsTable: schema.sessions,
    verificationTokensTable: schema.verificationTokens,
  } as never);

  const pages: [string, () => Promise<unknown>][] = [
    ["every signed-in page: session", async () => adapter.getSessionAndUser!(session!.token)],
    ["home: next three events", () => listPublicEvents({ when: "upcoming", pageSize: 3 })],
    ["home: member count", () => countMembers()],
    ["/events: page 1", () => listPublicEvents({ when: "upcoming" })],
    ["/events: page 50", () => listPublicEvents({ when: "upcoming", page: 50 })],
    ["/events?when=past", () => listPublicEvents({ when: "past" })],
    ["/events?q=plain&topic=video", () => listPublicEvents({ when: "upcoming", filters: { query: "plain", topic: "video" } })],
    ["/events: topics", () => listEventTopics()],
    ["event page: the event", () => getEventBySlug({ slug: event!.slug, viewer: null })],
    ["event page: viewer's RSVP", () => getViewerEventState({ eventId: event!.id, viewer })],
    ["event page: resources", () => listEventResources({ eventId: event!.id, viewer })],
    ["community.ics", () => getCommunityFeed()],
    ["personal feed", () => getPersonalFeed({ token })],
    ["/resources: page 1", () => listLibraryResources({ viewer })],
    ["/resources?topic=video", () => listLibraryResources({ viewer, filters: { topic: "video" } })],
    ["/resources: topics", () => listResourceTopics()],
  ];

  const seqScans: string[] = [];
  for (const [label, run] of pages) {
    captured = [];
    await run();
    const queries = captured.filter((entry) => /^\s*select/i.test(entry.query));
    console.log(`\n=== ${label} (${queries.length} ${queries.length === 1 ? "query" : "queries"}) ===`);
    for (const { query, params } of queries) {
      console.log(`\n${query}\n-- params: ${JSON.stringify(params)}`);
      const plan = await client.unsafe(`explain (analyze, buffers, costs off) ${query}`, params as never[]);
      const text = plan.map((row) => row["QUERY PLAN"] as string).join("\n");
      console.log(text);
      for (const table of BIG_TABLES) if (new RegExp(`Seq Scan on ${table}\\b`).test(text)) seqScans.push(`${label}: ${table}`);
    }
  }
  console.log(`\nSequential scans over ${BIG_TABLES.join(", ")}: ${seqScans.length === 0 ? "none" : seqScans.join("; ")}`);
} finally {
  installDbHandle(undefined);
  await client.end();
  await scratch.drop();
}
