/** The bench's one table, in Markdown so it can go into BENCHMARKS.md as printed. */
import type { LoadResult } from "./load";
import type { LibRushResult } from "./lib-rush";
import type { RushCheck, RushTiming } from "./rsvp-rush";

export type Row = LoadResult & { label: string; group: "reference" | "visitor" | "member" | "scale"; peakRssMb?: number; cpuPerRequestMs?: number };

type Report = {
  driver: string;
  connections: number;
  seconds: number;
  rows: Row[];
  rush?: Omit<RushTiming, "reported"> & RushCheck & { peakRssMb?: number; cpuPerRsvpMs?: number };
  libRush?: LibRushResult;
  memory?: { peakRssMb: number; peakHwmMb: number; processes: number };
  uptime: string;
};

const pct = (value: number) => `${(value * 100).toFixed(0)}%`;

function verdict(row: Row, staticRps: number): string {
  if (row.group === "visitor") return row.rps >= 0.8 * staticRps && row.p99 < 100 ? "met" : "missed";
  if (row.group === "member") return row.rps >= 0.4 * staticRps && row.p99 < 300 ? "met" : "missed";
  return "";
}

export function printReport({ driver, connections, seconds, rows, rush, libRush, memory, uptime }: Report) {
  const runtime = rows.find((row) => row.label.startsWith("node:http"));
  const framework = rows.find((row) => row.label.startsWith("static"));
  const lines = [
    `Database: ${driver}. ${connections} connections, no pipelining, ${seconds} s per route. Node ${process.version}. ${uptime}`,
    "",
    "| route | req/s | p50 ms | p99 ms | bytes | vs node:http | vs static page | server CPU ms/req | non-2xx / errors | server RSS MB | target |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.label} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.bytesPerResponse} | ` +
        `${runtime ? pct(row.rps / runtime.rps) : "-"} | ${framework ? pct(row.rps / framework.rps) : "-"} | ${row.cpuPerRequestMs?.toFixed(1) ?? "-"} | ` +
        `${row.non2xx} / ${row.errors + row.timeouts} | ${row.peakRssMb?.toFixed(0) ?? "-"} | ${framework ? verdict(row, framework.rps) : ""} |`,
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
  if (rush) {
    const fiveXx = Object.entries(rush.statuses)
      .filter(([status]) => status.startsWith("5"))
      .reduce((sum, [, n]) => sum + n, 0);
    lines.push(
      "",
      `RSVP rush (server action over HTTP): ${rush.members} members, ${rush.concurrency} concurrent, one event with 100 seats: ` +
        `${rush.seconds.toFixed(2)} s, ${rush.rsvpsPerSecond.toFixed(0)} RSVPs/s, p50 ${rush.p50.toFixed(0)} ms, p99 ${rush.p99.toFixed(0)} ms; ` +
        `HTTP ${JSON.stringify(rush.statuses)}; going ${rush.going}, waitlisted ${rush.waitlisted}, ` +
        `waitlist in order: ${rush.waitlistInOrder ? "yes" : "NO"}; 5xx: ${fiveXx}; server RSS during the rush ${rush.peakRssMb?.toFixed(0) ?? "-"} MB; server CPU ${rush.cpuPerRsvpMs?.toFixed(1) ?? "-"} ms per RSVP`,
    );
    for (const failure of rush.failures) lines.push(`  unexpected answer: ${failure}`);
  }
  if (libRush) {
    lines.push(
      `Same rush through lib/ only (rsvpToEvent, no HTTP, 100 at a time, ${driver === "PostgreSQL" ? "a pool of 10 connections" : "one PGlite instance"}): ${libRush.seconds.toFixed(2)} s, ` +
        `${libRush.rsvpsPerSecond.toFixed(0)} RSVPs/s, p50 ${libRush.p50.toFixed(0)} ms, p99 ${libRush.p99.toFixed(0)} ms; ` +
        `going ${libRush.going}, waitlisted ${libRush.waitlisted}, in order: ${libRush.waitlistInOrder ? "yes" : "NO"}, errors ${libRush.errors}`,
    );
  }
  if (memory) {
    lines.push(
      "",
      `Server peak memory (${memory.processes} process(es)): sampled RSS ${memory.peakRssMb.toFixed(0)} MB, VmHWM ${memory.peakHwmMb.toFixed(0)} MB (target < 512 MB: ${memory.peakHwmMb < 512 ? "met" : "missed"})`,
    );
  }
  console.log(["", ...lines].join("\n"));
}
