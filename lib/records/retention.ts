import "server-only";
import { and, inArray, lt, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { auditLog, eventMessages, events, outbox, rsvps } from "@/db/schema";
import { getEnv } from "@/lib/env";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long each kind of record is kept, in days (0: forever), and whether a hold suspends every
 * removal. RECORDS.md at the repository root says what each covers and why its default is what it is.
 */
export type RetentionSettings = {
  auditDays: number;
  messagesDays: number;
  /** Counted from the end of the event the RSVP was for. */
  rsvpsDays: number;
  /** Delivered and failed outbox rows (who, subject, when); bodies go sooner, by OUTBOX_RETENTION_DAYS. */
  mailLogDays: number;
  hold: boolean;
};

export type RetentionCounts = { auditEntries: number; organizerMessages: number; rsvps: number; mailLog: number };

export function retentionSettings(): RetentionSettings {
  const env = getEnv();
  return {
    auditDays: env.RETENTION_AUDIT_DAYS,
    messagesDays: env.RETENTION_MESSAGES_DAYS,
    rsvpsDays: env.RETENTION_RSVPS_DAYS,
    mailLogDays: env.RETENTION_MAIL_LOG_DAYS,
    hold: env.RETENTION_HOLD === "true",
  };
}

const cutoff = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/**
 * Removes the records whose retention period has passed, inside the daily housekeeping's
 * transaction (lib/housekeeping.ts), so a failed run removes nothing and is retried. Nothing
 * younger than its period is touched, nothing at all under a hold, and a kind set to 0 is kept.
 * Events and resources are never removed here: they are the record the rest hangs from.
 */
export async function applyRetention(tx: Tx, now: Date, settings: RetentionSettings = retentionSettings()): Promise<RetentionCounts> {
  const none: RetentionCounts = { auditEntries: 0, organizerMessages: 0, rsvps: 0, mailLog: 0 };
  if (settings.hold) return none;
  const counts = { ...none };
  if (settings.auditDays > 0) {
    counts.auditEntries = (
      await tx
        .delete(auditLog)
        .where(lt(auditLog.createdAt, cutoff(now, settings.auditDays)))
        .returning({ id: auditLog.id })
    ).length;
  }
  if (settings.messagesDays > 0) {
    counts.organizerMessages = (
      await tx
        .delete(eventMessages)
        .where(lt(eventMessages.createdAt, cutoff(now, settings.messagesDays)))
        .returning({ id: eventMessages.id })
    ).length;
  }
  if (settings.rsvpsDays > 0) {
    const ended = tx
      .select({ id: events.id })
      .from(events)
      .where(lt(events.endsAt, cutoff(now, settings.rsvpsDays)));
    counts.rsvps = (await tx.delete(rsvps).where(inArray(rsvps.eventId, ended)).returning({ id: rsvps.id })).length;
  }
  if (settings.mailLogDays > 0) {
    // Pending mail is still to be delivered, whatever its age.
    counts.mailLog = (
      await tx
        .delete(outbox)
        .where(and(sql`${outbox.status} in ('sent', 'failed')`, lt(outbox.createdAt, cutoff(now, settings.mailLogDays))))
        .returning({ id: outbox.id })
    ).length;
  }
  return counts;
}
