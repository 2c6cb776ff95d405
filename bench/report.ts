/** The bench's report, in Markdown so it can go into BENCHMARKS.md as printed: routes, rushes, memory, and issue 20's targets. */
import type { LoadResult } from "./load";
import type { LibRushResult } from "./lib-rush";
import type { SessionCheckCost } from "./session-check";
import type { MachineFacts } from "./machine";
import type { WireFacts } from "./page-check";
import type { HistogramTotals } from "./prom";
import type { RushCheck, RushTiming } from "./rsvp-rush";

export type Row = LoadResult & {
  label: string;
  /** member-noscript: a signed-in page as a browser without script gets it; reported beside its cached row, not targeted. */
  group: "reference" | "visitor" | "feed" | "member" | "member-noscript" | "personal" | "scale";
  peakRssMb?: number;
  cpuPerRequestMs?: number;
  /** The session check's histogram over the measured window; null when the server exports none, undefined for the node:http reference. */
  sessionCheck?: HistogramTotals | null;
};

export type HttpRush = RushTiming &
  RushCheck & {
    eventId: string;
    /** convene_rsvp_lock_seconds over the rush, summed over the instances; undefined when the app exports none. */
    lock?: HistogramTotals;
    instances: { pid: number; requests: number; cpuPerRsvpMs: number; peakRssMb: number; peakHwmMb: number }[];
  };

export type FeedFacts = { identity: WireFacts; gzip: WireFacts; events: number; window: { upcoming: number; past90: number } };

export type ProcessMemory = { label: string; pid: number; peakRssMb: number; peakHwmMb: number; processes: number };

type Report = {
  driver: string;
  connections: number;
  seconds: number;
  rows: Row[];
  rush?: HttpRush;
  secondRush?: HttpRush;
  twoInstancesSkipped?: string;
  libRush?: LibRushResult;
  sessionCost?: SessionCheckCost;
  feed?: FeedFacts;
  memory: ProcessMemory[];
  machine: MachineFacts & { uptimeEnd: string };
};

const SEATS = 100;
const MEMORY_LIMIT_MB = 512;
const pct = (value: number) => `${(value * 100).toFixed(0)}%`;
const metVerdict = (met: boolean) => (met ? "**met**" : "**missed**");
const clean = (row: Row) => row.non2xx === 0 && row.errors === 0 && row.timeouts === 0;

/** A row meets its target only if every answer was a 2xx: a fast error page is no result. */
function rowMeets(row: Row, staticRps: number): boolean | undefined {
  if (row.group === "visitor") return clean(row) && row.rps >= 0.8 * staticRps && row.p99 < 100;
  if (row.group === "feed") return clean(row) && row.rps >= 0.8 * staticRps;
  if (row.group === "member") return clean(row) && row.rps >= 0.4 * staticRps && row.p99 < 300;
  return undefined;
}

function sessionCheckCell(row: Row): string {
  if (row.sessionCheck === undefined) return "-";
  if (row.sessionCheck === null) return "n/a";
  const requests = Math.max(row.requests, 1);
  return `${((row.sessionCheck.sum * 1000) / requests).toFixed(2)} (${(row.sessionCheck.count / requests).toFixed(1)}/req)`;
}

function rushIsExact(rush: HttpRush): boolean {
  const seats = Math.min(SEATS, rush.members);
  const allAnswered = (rush.statuses["200"] ?? 0) === rush.members;
  return (
    rush.going === seats && rush.waitlisted === rush.members - seats && rush.waitlistInOrder && rush.fiveXx === 0 && rush.networkErrors === 0 && allAnswered
  );
}

function lockText(rush: HttpRush): string {
  if (!rush.lock) return "event row lock time n/a (no convene_rsvp_lock_seconds on /api/metrics)";
  const mean = rush.lock.count > 0 ? (rush.lock.sum * 1000) / rush.lock.count : 0;
  return `event row locked ${((rush.lock.sum * 1000) / rush.members).toFixed(2)} ms per RSVP (${rush.lock.count} lock spans, mean ${mean.toFixed(2)} ms)`;
}

function rushLine(label: string, rush: HttpRush): string[] {
  const instances = rush.instances
    .map(
      (instance, index) =>
        `instance ${index + 1}: ${instance.requests} RSVPs, CPU ${instance.cpuPerRsvpMs.toFixed(1)} ms per RSVP, peak RSS during the rush ${instance.peakRssMb.toFixed(0)} MB (the process's VmHWM so far: ${instance.peakHwmMb.toFixed(0)} MB)`,
    )
    .join("; ");
  return [
    `${label}: ${rush.members} members, ${rush.concurrency} concurrent, one event with ${SEATS} seats, ${rush.instances.length === 1 ? "one instance" : `${rush.instances.length} instances, requests alternating`}: ` +
      `${rush.seconds.toFixed(2)} s, ${rush.rsvpsPerSecond.toFixed(0)} RSVPs/s, p50 ${rush.p50.toFixed(0)} ms, p99 ${rush.p99.toFixed(0)} ms; ` +
      `HTTP ${JSON.stringify(rush.statuses)}; 5xx: ${rush.fiveXx}; no answer: ${rush.networkErrors}; going ${rush.going}, waitlisted ${rush.waitlisted}, ` +
      `waitlist in order: ${rush.waitlistInOrder ? "yes" : "NO"}; exact: ${rushIsExact(rush) ? "yes" : "NO"}; ${lockText(rush)}; ${instances}`,
    ...rush.failures.map((failure) => `  unexpected answer: ${failure}`),
  ];
}

function feedLines(feed: FeedFacts): string[] {
  const { identity, gzip } = feed;
  return [
    `Community feed: ${feed.events} events in community.ics (${(identity.decodedBytes / 1024).toFixed(0)} KiB); the data set has ${feed.window.upcoming} public events not over yet ` +
      `and ${feed.window.past90} from the last 90 days (lib/calendar/feeds.ts keeps every upcoming event and fills up to 1,000 with past ones).`,
    `  body on the wire without Accept-Encoding: ${identity.wireBodyBytes} B (${identity.contentEncoding}); with Accept-Encoding: gzip: ${gzip.wireBodyBytes} B ` +
      `(Content-Encoding: ${gzip.contentEncoding}${gzip.contentEncoding === "identity" ? ": the server did not compress" : `, ${pct(gzip.wireBodyBytes / Math.max(identity.wireBodyBytes, 1))} of the plain body`}). ` +
      `The table's bytes column is per response on the wire, headers included.`,
  ];
}

function targetsTable(report: Report, staticRow: Row | undefined): string[] {
  const lines = ["| target (issue 20) | result | verdict |", "| --- | --- | --- |"];
  const staticRps = staticRow?.rps ?? 0;
  const members = report.rows.filter((row) => row.group === "member");
  if (staticRow && members.length > 0) {
    const result = members
      .map(
        (row) =>
          `${row.label} ${pct(row.rps / staticRps)}, p99 ${row.p99} ms${clean(row) ? "" : `, ${row.non2xx} non-2xx / ${row.errors + row.timeouts} errors`}`,
      )
      .join("; ");
    lines.push(
      `| signed-in pages ≥ 40% of the static page's req/s, p99 < 300 ms | ${result} | ${metVerdict(members.every((row) => rowMeets(row, staticRps)))} |`,
    );
    const checks = members.map((row) => `${row.label} ${sessionCheckCell(row)}`).join("; ");
    const absent = members.every((row) => row.sessionCheck === null);
    lines.push(
      `| session check ms per request (reported, not targeted) | ${absent ? "n/a: /api/metrics has no convene_session_check_seconds" : checks} | reported |`,
    );
  }
  const { rush, secondRush } = report;
  if (rush) {
    const fast = rush.rsvpsPerSecond >= 300 && rush.p99 < 1000;
    lines.push(
      `| RSVP rush ≥ 300 RSVPs/s over HTTP, p99 < 1 s | ${rush.rsvpsPerSecond.toFixed(0)} RSVPs/s, p99 ${rush.p99.toFixed(0)} ms | ${metVerdict(fast)} |`,
    );
    lines.push(
      `| rush exact: ${SEATS} going, the rest waitlisted in order, zero 5xx | going ${rush.going}, waitlisted ${rush.waitlisted}, in order ${rush.waitlistInOrder ? "yes" : "no"}, 5xx ${rush.fiveXx}, no answer ${rush.networkErrors} | ${metVerdict(rushIsExact(rush))} |`,
    );
    lines.push(`| rush: server CPU and event lock per RSVP (reported) | CPU ${rush.instances[0]!.cpuPerRsvpMs.toFixed(1)} ms; ${lockText(rush)} | reported |`);
  }
  if (secondRush) {
    const ratio = rush ? ` (${(secondRush.rsvpsPerSecond / Math.max(rush.rsvpsPerSecond, 1)).toFixed(2)}x one instance)` : "";
    lines.push(
      `| two instances, summed (reported; must be exact) | ${secondRush.rsvpsPerSecond.toFixed(0)} RSVPs/s${ratio}, p99 ${secondRush.p99.toFixed(0)} ms, going ${secondRush.going}, waitlisted ${secondRush.waitlisted}, in order ${secondRush.waitlistInOrder ? "yes" : "no"}, 5xx ${secondRush.fiveXx} | ${rushIsExact(secondRush) ? "**exact**" : "**NOT exact**"} |`,
    );
  } else if (report.twoInstancesSkipped) {
    lines.push(`| two instances, summed | skipped: ${report.twoInstancesSkipped} | - |`);
  }
  const feeds = report.rows.filter((row) => row.group === "feed");
  for (const row of feeds) {
    if (!staticRow) break;
    lines.push(
      `| community feed ≥ 80% of the static page (${row.label.replace(/^community\.ics, /, "")}) | ${pct(row.rps / staticRps)}, p99 ${row.p99} ms, ${row.bytesPerResponse} B per response | ${metVerdict(rowMeets(row, staticRps) === true)} |`,
    );
  }
  if (report.memory.length > 0) {
    const result = report.memory.map((entry) => `${entry.label} ${entry.peakHwmMb.toFixed(0)} MB`).join("; ");
    lines.push(
      `| memory < ${MEMORY_LIMIT_MB} MB per instance, whole run (VmHWM) | ${result} | ${metVerdict(report.memory.every((entry) => entry.peakHwmMb < MEMORY_LIMIT_MB))} |`,
    );
  }
  return lines;
}

export function printReport(report: Report) {
  const { driver, connections, seconds, rows, rush, secondRush, libRush, feed, memory, machine } = report;
  const runtime = rows.find((row) => row.group === "reference" && row.label.startsWith("node:http"));
  const framework = rows.find((row) => row.group === "reference" && row.label.startsWith("static"));
  const lines = [
    `Machine: ${machine.nproc} CPUs (nproc), ${machine.cpuModel}, ${machine.memoryGb} GB. Node ${machine.node}. Run started ${machine.date}, ended ${new Date().toISOString()}.`,
    `Load at start: ${machine.uptimeStart}`,
    `Load at end:   ${machine.uptimeEnd}`,
    `Database: ${driver}. ${connections} connections, no pipelining, ${seconds} s per route.`,
    "",
    "| route | req/s | p50 ms | p99 ms | bytes | vs node:http | vs static page | server CPU ms/req | session check ms/req | non-2xx / errors | server RSS MB | target |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const row of rows) {
    const meets = framework ? rowMeets(row, framework.rps) : undefined;
    lines.push(
      `| ${row.label} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.bytesPerResponse} | ` +
        `${runtime ? pct(row.rps / runtime.rps) : "-"} | ${framework ? pct(row.rps / framework.rps) : "-"} | ${row.cpuPerRequestMs?.toFixed(1) ?? "-"} | ` +
        `${sessionCheckCell(row)} | ${row.non2xx} / ${row.errors + row.timeouts} | ${row.peakRssMb?.toFixed(0) ?? "-"} | ${meets === undefined ? "" : meets ? "met" : "missed"} |`,
    );
  }
  lines.push(
    "",
    "Targets per row: visitor pages ≥ 80% of the static page and p99 < 100 ms (issue 8); community feed ≥ 80%; signed-in pages ≥ 40% and p99 < 300 ms. " +
      "A row with any non-2xx answer or error misses. Session check: the app's convene_session_check_seconds over the measured window, per request (checks per request in brackets); n/a when the app exports none.",
  );
  // autocannon counts only answers that arrive within the window: a row of a few answers measured the load, not the page.
  const thin = rows.filter((row) => row.requests < 2 * connections);
  if (thin.length > 0) {
    lines.push(
      `Too few answers to measure (fewer than ${2 * connections} in the window; lengthen BENCH_SECONDS or run on a quieter machine): ` +
        thin.map((row) => `${row.label} (${row.requests})`).join(", "),
    );
  }
  const listAtScale = rows.find((row) => row.label === "/events");
  const listSmall = rows.find((row) => row.label === "/events at 100 events");
  if (listAtScale && listSmall) {
    const ratio = listAtScale.p50 / Math.max(listSmall.p50, 1);
    lines.push(
      "",
      `/events p50 at 10,000 events / at 100 events: ${listAtScale.p50} / ${listSmall.p50} ms = ${ratio.toFixed(2)}x (target <= 1.5x: ${ratio <= 1.5 ? "met" : "missed"})`,
    );
  }
  if (feed) lines.push("", ...feedLines(feed));
  lines.push("");
  if (rush) lines.push(...rushLine("RSVP rush (server action over HTTP)", rush));
  if (secondRush) lines.push(...rushLine("RSVP rush on two instances (same build, database and AUTH_SECRET; a new event, 1,000 other members)", secondRush));
  else if (report.twoInstancesSkipped) lines.push(`RSVP rush on two instances: skipped (${report.twoInstancesSkipped})`);
  if (libRush) {
    lines.push(
      `Same rush through lib/ only (rsvpToEvent, no HTTP, 100 at a time, ${driver === "PostgreSQL" ? "a pool of 10 connections" : "one PGlite instance"}): ${libRush.seconds.toFixed(2)} s, ` +
        `${libRush.rsvpsPerSecond.toFixed(0)} RSVPs/s, p50 ${libRush.p50.toFixed(0)} ms, p99 ${libRush.p99.toFixed(0)} ms; ` +
        `going ${libRush.going}, waitlisted ${libRush.waitlisted}, in order: ${libRush.waitlistInOrder ? "yes" : "NO"}, errors ${libRush.errors}`,
    );
  }
  if (report.sessionCost) {
    const { calls, authJs, direct } = report.sessionCost;
    const us = (cost: { cpuUs: number; wallUs: number }) => `${cost.cpuUs.toFixed(0)} µs CPU, ${cost.wallUs.toFixed(0)} µs wall`;
    lines.push(
      `Session check, one call at a time in one process (${calls} calls each, same database): Auth.js's session endpoint, as auth() ran it before: ${us(authJs)}; ` +
        `the direct read pages use now (lib/auth/session-check.ts): ${us(direct)} (${(authJs.cpuUs / Math.max(direct.cpuUs, 1)).toFixed(1)}x less CPU)`,
    );
  }
  lines.push("", "Server memory through the whole run, each process from its start to its stop (the process and any children):");
  for (const entry of memory) {
    lines.push(
      `- ${entry.label} (pid ${entry.pid}, ${entry.processes} process(es)): peak sampled RSS ${entry.peakRssMb.toFixed(0)} MB, VmHWM ${entry.peakHwmMb.toFixed(0)} MB (target < ${MEMORY_LIMIT_MB} MB: ${entry.peakHwmMb < MEMORY_LIMIT_MB ? "met" : "missed"})`,
    );
  }
  lines.push("", ...targetsTable(report, framework));
  console.log(["", ...lines].join("\n"));
}
