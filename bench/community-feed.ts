/**
 * How long one community feed takes to build for 1,000 events, the most a feed
 * carries (FEED_MAX_EVENTS). Builds from events in memory, so only the calendar
 * code is timed, not the database. "Cold" builds events never rendered before;
 * "warm" rebuilds an unchanged feed, as every hourly poll of a subscriber does.
 *
 *   npx tsx --conditions=react-server bench/community-feed.ts [events] [warm runs]
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { buildCommunityCalendar } from "@/lib/calendar/documents";
import type { InviteEvent } from "@/lib/calendar/types";

const count = Number(process.argv[2] ?? 1000);
const warmRuns = Number(process.argv[3] ?? 20);
const coldRuns = 3;
const formats = ["virtual", "in_person", "hybrid"] as const;
const start = Date.UTC(2030, 0, 1, 15);

function makeEvents(): InviteEvent[] {
  return Array.from({ length: count }, (_, index) => ({
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
}

function time(list: InviteEvent[]) {
  const began = performance.now();
  const feed = buildCommunityCalendar(list);
  return { ms: performance.now() - began, bytes: Buffer.byteLength(feed.body) };
}

function summary(label: string, times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return `${label}: mean ${mean.toFixed(1)} ms, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, worst ${sorted.at(-1)!.toFixed(1)} ms (${sorted.length} builds)`;
}

time(makeEvents().slice(0, 10)); // loads modules and warms the JIT

const cold = Array.from({ length: coldRuns }, () => time(makeEvents()).ms);
const list = makeEvents();
const { bytes } = time(list);
const warm = Array.from({ length: warmRuns }, () => time(list).ms);

console.log(`community feed of ${count} events, ${(bytes / 1024).toFixed(0)} KiB`);
console.log(summary("  cold (new events)", cold));
console.log(summary("  warm (unchanged) ", warm));
