/**
 * How long one community feed takes to build for 1,000 events, the most a feed
 * carries (FEED_MAX_EVENTS). Builds from events in memory, so only the calendar
 * code is timed, not the database.
 *
 *   npx tsx --conditions=react-server bench/community-feed.ts [events] [runs]
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { buildCommunityCalendar } from "@/lib/calendar/documents";
import type { InviteEvent } from "@/lib/calendar/types";

const count = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 20);
const formats = ["virtual", "in_person", "hybrid"] as const;
const start = Date.UTC(2030, 0, 1, 15);

const list: InviteEvent[] = Array.from({ length: count }, (_, index) => ({
  id: randomUUID(),
  slug: `event-${index}`,
  title: `Réunion ${index}: accessibilité, analytics & plain language for social media teams`,
  summary: "Bring a post you are drafting; we edit it together, then talk about what the audience saw. ".repeat(2),
  status: index % 25 === 0 ? "cancelled" : "published",
  startsAt: new Date(start + index * 6 * 3600_000),
  endsAt: new Date(start + index * 6 * 3600_000 + 3600_000),
  timeZone: "America/New_York",
  location: index % 3 === 1 ? "GSA headquarters, 1800 F St NW, Washington, DC" : null,
  joinUrl: null,
  format: formats[index % 3]!,
  sequence: index % 4,
  updatedAt: new Date(start - index * 60_000),
}));

buildCommunityCalendar(list.slice(0, 10)); // warm up module loading and the JIT
const times: number[] = [];
let bytes = 0;
for (let run = 0; run < runs; run++) {
  const began = performance.now();
  const feed = buildCommunityCalendar(list);
  times.push(performance.now() - began);
  bytes = Buffer.byteLength(feed.body);
}
times.sort((a, b) => a - b);
const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
console.log(
  `community feed, ${count} events, ${runs} builds: mean ${mean.toFixed(1)} ms, ` +
    `median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms, worst ${times.at(-1)!.toFixed(1)} ms, ` +
    `${(bytes / 1024).toFixed(0)} KiB`,
);
