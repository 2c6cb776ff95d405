/**
 * The RSVP rush: many members press "RSVP" on one event at once, through the same
 * HTTP request the browser makes: a POST of the `changeRsvp` server action to the
 * event page, its arguments encoded by React's own encodeReply, as the form does.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "@/db/rows";

const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.node") as {
  encodeReply: (value: unknown) => Promise<FormData | string>;
};

type Manifest = { node: Record<string, { exportedName?: string; filename?: string }> };

/** The id Next gave the action in this build, as the page's client code carries it. */
export function findActionId(distDir: string, file: string, name: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, "server/server-reference-manifest.json"), "utf8")) as Manifest;
  const entry = Object.entries(manifest.node).find(([, action]) => action.exportedName === name && action.filename === file);
  if (!entry) throw new Error(`Server action ${name} in ${file} not found in the build`);
  return entry[0];
}

export type RushTiming = {
  members: number;
  concurrency: number;
  seconds: number;
  rsvpsPerSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  /** Answers with a 5xx status, and requests that got no answer at all (a refused or reset connection). */
  fiveXx: number;
  networkErrors: number;
  /** Requests sent to each instance, in the order of `urls`. */
  perInstance: number[];
  failures: string[];
  /** What each member was told: a seat, or their number on the waitlist. */
  reported: Map<string, number | "going">;
};

export type RushCheck = {
  going: number;
  waitlisted: number;
  /** Each answer's waitlist number matches its place in the queue, and the queue has no gaps or ties. */
  waitlistInOrder: boolean;
};

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** `urls`: one per instance; requests alternate between them, as a round-robin balancer would send them. */
export async function runRsvpRush({
  urls,
  event,
  sessions,
  actionId,
  concurrency,
}: {
  urls: string[];
  event: { id: string; slug: string };
  sessions: { userId: string; token: string }[];
  actionId: string;
  concurrency: number;
}): Promise<RushTiming> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  const reported = new Map<string, number | "going">();
  const perInstance = urls.map(() => 0);
  let networkErrors = 0;
  let next = 0;

  async function one(session: { userId: string; token: string }, index: number) {
    const url = urls[index % urls.length]!;
    perInstance[index % urls.length]!++;
    const form = new FormData();
    form.append("eventId", event.id);
    form.append("intent", "going");
    const body = await encodeReply([{ status: "idle" }, form]);
    const began = performance.now();
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${url}/events/${event.slug}`, {
        method: "POST",
        headers: {
          "Next-Action": actionId,
          Accept: "text/x-component",
          Origin: url,
          Cookie: `authjs.session-token=${session.token}`,
        },
        body,
      });
      text = await response.text();
    } catch (error) {
      // Counted, not thrown: a server that drops connections under the rush is a result, and the rest still runs.
      latencies.push(performance.now() - began);
      networkErrors++;
      if (failures.length < 5) failures.push(`no answer: ${String(error)}`);
      return;
    }
    latencies.push(performance.now() - began);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    const waitlisted = /number (\d+) on the waitlist/.exec(text);
    if (waitlisted) reported.set(session.userId, Number(waitlisted[1]));
    else if (text.includes("You're going")) reported.set(session.userId, "going");
    else if (failures.length < 5) failures.push(`${response.status}: ${text.slice(0, 200)}`);
  }

  const began = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < sessions.length) {
        const index = next++;
        await one(sessions[index]!, index);
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;

  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    members: sessions.length,
    concurrency,
    seconds,
    rsvpsPerSecond: sessions.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    statuses,
    fiveXx: Object.entries(statuses)
      .filter(([status]) => status.startsWith("5"))
      .reduce((sum, [, n]) => sum + n, 0),
    networkErrors,
    perInstance,
    failures,
    reported,
  };
}

/** Read after the rush, from the database: who got a seat, and whether the queue matches what people were told. */
export async function checkRsvpRush(db: Db, eventId: string, reported: RushTiming["reported"]): Promise<RushCheck> {
  const result = await db.execute(sql`
    select user_id, status, rank() over (partition by status order by queued_at)::int as place
    from rsvps where event_id = ${eventId}`);
  const rows = rowsOf<{ user_id: string; status: string; place: number }>(result);
  const going = rows.filter((row) => row.status === "going").length;
  const queue = rows.filter((row) => row.status === "waitlisted");
  const places = queue.map((row) => row.place).sort((a, b) => a - b);
  const waitlistInOrder =
    places.every((place, index) => place === index + 1) &&
    queue.every((row) => reported.get(row.user_id) === row.place) &&
    rows.filter((row) => row.status === "going").every((row) => reported.get(row.user_id) === "going");
  // Seats went to the first 100 in lock order: every seat was taken before anyone queued.
  const [order] = rowsOf<{ seats_first: boolean }>(
    await db.execute(sql`
      select coalesce(max(queued_at) filter (where status = 'going') < min(queued_at) filter (where status = 'waitlisted'), true) as seats_first
      from rsvps where event_id = ${eventId}`),
  );
  return { going, waitlisted: queue.length, waitlistInOrder: waitlistInOrder && Boolean(order?.seats_first) };
}
