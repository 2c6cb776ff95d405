import "server-only";
import { and, eq, isNull, lt, lte } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { housekeepingRuns, outbox, sessions, verificationTokens } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { sweepRateLimits } from "@/lib/rate-limit";
import { logFor } from "@/lib/log";
// records: retention per record type (RECORDS.md).
import { applyRetention, retentionSettings, type RetentionCounts, type RetentionSettings } from "@/lib/records/retention";
import { purgeExpiredAccommodationRequests } from "@/lib/accommodations/requests";

const DAY_MS = 24 * 60 * 60 * 1000;
const DAILY_JOB = "daily";

export type HousekeepingCounts = {
  sessions: number;
  verificationTokens: number;
  rateLimits: number;
  outboxBodies: number;
  accommodationRequests: number;
} & RetentionCounts;

export type HousekeepingResult = { ran: false } | { ran: true; removed: HousekeepingCounts };

/**
 * Removes what nobody needs any more, at most once a day however many processes call it:
 * expired sessions and verification tokens, rate-limit rows past the longest window, and
 * the bodies of delivered mail older than OUTBOX_RETENTION_DAYS (0: kept forever).
 *
 * Of delivered mail only text, html and calendar go: the row (to, subject, kind, created,
 * sent) stays as the record that a message went out. What organizers wrote is kept whole
 * in event_messages (the FOIA record). That, the audit log, RSVPs of long-past events and the
 * outbox rows themselves go only when their own retention periods pass (lib/records/retention.ts).
 *
 * The claim and the work share one transaction: the conditional upsert locks the job's
 * row, so a concurrent caller waits, then finds the run already recorded and does nothing;
 * a run that fails rolls its claim back and the next tick tries again.
 */
export async function runDailyHousekeeping({
  now = new Date(),
  retentionDays = getEnv().OUTBOX_RETENTION_DAYS,
  retention,
}: { now?: Date; retentionDays?: number; retention?: RetentionSettings } = {}): Promise<HousekeepingResult> {
  const settings = retention ?? retentionSettings();
  const db = await getDb();
  const removed = await db.transaction(async (tx) => {
    const claimed = await tx
      .insert(housekeepingRuns)
      .values({ job: DAILY_JOB, lastRunAt: now })
      .onConflictDoUpdate({
        target: housekeepingRuns.job,
        set: { lastRunAt: now },
        setWhere: lte(housekeepingRuns.lastRunAt, new Date(now.getTime() - DAY_MS)),
      })
      .returning({ job: housekeepingRuns.job });
    if (claimed.length === 0) return null;

    const counts: HousekeepingCounts = {
      sessions: (await tx.delete(sessions).where(lt(sessions.expires, now)).returning({ t: sessions.sessionToken })).length,
      verificationTokens: (await tx.delete(verificationTokens).where(lt(verificationTokens.expires, now)).returning({ t: verificationTokens.token })).length,
      rateLimits: await sweepRateLimits(now, tx),
      outboxBodies: retentionDays > 0 ? await removeOldBodies(tx, new Date(now.getTime() - retentionDays * DAY_MS), now) : 0,
      ...(await applyRetention(tx, now, settings)),
      // A records hold (RETENTION_HOLD) keeps accommodation requests too: they may be what the hold is about.
      accommodationRequests: settings.hold ? 0 : await purgeExpiredAccommodationRequests(tx, now),
    };
    await tx.update(housekeepingRuns).set({ removed: counts }).where(eq(housekeepingRuns.job, DAILY_JOB));
    return counts;
  });
  if (!removed) return { ran: false };
  logFor("housekeeping").info(
    { removed, retentionDays },
    retentionDays > 0
      ? "daily housekeeping: expired rows removed, old delivered mail bodies emptied"
      : "daily housekeeping: expired rows removed (OUTBOX_RETENTION_DAYS=0 keeps mail bodies)",
  );
  return { ran: true, removed };
}

// Only sent rows: pending ones are still to be delivered and failed ones are what admins read at /admin/mail.
async function removeOldBodies(tx: Tx, sentBefore: Date, now: Date): Promise<number> {
  const emptied = await tx
    .update(outbox)
    .set({ text: "", html: null, calendar: null, bodyRemovedAt: now })
    .where(and(eq(outbox.status, "sent"), lt(outbox.sentAt, sentBefore), isNull(outbox.bodyRemovedAt)))
    .returning({ id: outbox.id });
  return emptied.length;
}
