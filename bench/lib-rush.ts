/**
 * The same rush without HTTP or Next: rsvpToEvent called directly, 100 at a time,
 * on its own event. Separates what the database and the event lock cost from what
 * the server adds (the action, the session, the page it re-renders).
 */
import { performance } from "node:perf_hooks";
import { installDbHandle, type DbHandle } from "@/db";
import { rsvpToEvent } from "@/lib/events/rsvp";
import { checkRsvpRush, type RushCheck } from "./rsvp-rush";
import { createRushEvent, membersAsViewers } from "./seed-scaled";

export type LibRushResult = RushCheck & { members: number; seconds: number; rsvpsPerSecond: number; p50: number; p99: number; errors: number };

export async function runLibRush(
  handle: DbHandle,
  { members, offset, concurrency }: { members: number; offset: number; concurrency: number },
): Promise<LibRushResult> {
  const event = await createRushEvent(handle.db, "bench-rush-lib");
  const viewers = await membersAsViewers(handle.db, { count: members, offset });
  installDbHandle(handle);
  const latencies: number[] = [];
  const reported = new Map<string, number | "going">();
  let errors = 0;
  let next = 0;
  const began = performance.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < viewers.length) {
          const viewer = viewers[next++]!;
          const start = performance.now();
          try {
            const result = await rsvpToEvent(viewer, { eventId: event.id });
            reported.set(viewer.id, result.status === "going" ? "going" : result.waitlistPosition!);
          } catch {
            errors++;
          }
          latencies.push(performance.now() - start);
        }
      }),
    );
  } finally {
    installDbHandle(undefined);
  }
  const seconds = (performance.now() - began) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return {
    members: viewers.length,
    seconds,
    rsvpsPerSecond: viewers.length / seconds,
    p50: at(50),
    p99: at(99),
    errors,
    ...(await checkRsvpRush(handle.db, event.id, reported)),
  };
}
