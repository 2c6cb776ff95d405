import "server-only";
import { and, asc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { getDb, type Db } from "@/db";
import { outbox } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { logFor } from "@/lib/log";
import { metrics } from "@/lib/metrics";
import { errorText } from "./error-text";

/** A nodemailer Transporter, or anything else that sends the same options. */
export type MailTransport = { sendMail(message: SendMailOptions): Promise<unknown> };

export type DeliveryResult = { sent: number; retried: number; failed: number };

export const MAX_ATTEMPTS = 8;
// Long enough for one batch of sends; after it, a crashed instance's rows are retried.
const LEASE_MS = 5 * 60_000;
// Stop starting sends this long before the lease ends, so another instance that claims
// the expired rows never sends one this instance is still sending.
const LEASE_MARGIN_MS = 60_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;

type OutboxRow = typeof outbox.$inferSelect;

/** 30 s after the first failure, doubling, at most an hour. */
export function retryDelayMs(attempts: number) {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

/**
 * Sends due outbox rows once each. Rows are claimed in a short transaction that
 * pushes their next attempt past a lease, so instances sharing the database skip each
 * other's rows, and a crash mid-send only delays a row until the lease runs out.
 *
 * `now` replaces the database clock (tests); without it every instance uses the
 * database's `now()`, so app servers with skewed clocks still agree on leases.
 */
export async function deliverPendingMail({
  transport,
  now,
  batchSize = 20,
  from,
  db: givenDb,
}: {
  transport: MailTransport;
  now?: Date;
  batchSize?: number;
  from?: string;
  db?: Db;
}): Promise<DeliveryResult> {
  const db = givenDb ?? (await getDb());
  const clock = (): SQL => (now ? sql`${now.toISOString()}::timestamptz` : sql`now()`);
  const later = (ms: number): SQL => sql`(${clock()} + ${Math.round(ms)}::integer * interval '1 millisecond')`;
  const sender = from ?? getEnv().MAIL_FROM;
  const messageIdDomain = domainOf(sender);
  const result: DeliveryResult = { sent: 0, retried: 0, failed: 0 };

  const claimedAt = Date.now();
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, clock())))
      .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(batchSize)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    const ids = due.map((row) => row.id);
    const rows = await tx
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: later(LEASE_MS) })
      .where(inArray(outbox.id, ids))
      .returning();
    // RETURNING has no defined order; keep the oldest-first order of the claim.
    return rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  });

  // Every update below names the attempt it belongs to, so an instance that overran
  // its lease cannot overwrite what a newer attempt recorded.
  const thisAttempt = (row: OutboxRow) => and(eq(outbox.id, row.id), eq(outbox.attempts, row.attempts));

  for (const row of claimed) {
    if (row.attempts > MAX_ATTEMPTS) {
      // A crash or lost lease during the last attempt: the message may or may not have gone.
      await db
        .update(outbox)
        .set({ status: "failed", failedAt: clock(), lastError: row.lastError ?? "gave up: the last attempt never finished" })
        .where(thisAttempt(row));
      result.failed++;
      continue;
    }

    if (Date.now() - claimedAt > LEASE_MS - LEASE_MARGIN_MS) {
      // Hand the rest back untouched, without counting an attempt that never happened.
      await db
        .update(outbox)
        .set({ attempts: sql`${outbox.attempts} - 1`, nextAttemptAt: clock() })
        .where(thisAttempt(row));
      continue;
    }

    const sending = metrics().mailSendSeconds.startTimer();
    try {
      await transport.sendMail(toMessage(row, sender, messageIdDomain));
      sending({ result: "sent" });
    } catch (error) {
      sending({ result: "error" });
      const lastError = errorText(error);
      if (row.attempts >= MAX_ATTEMPTS) {
        await db.update(outbox).set({ status: "failed", failedAt: clock(), lastError }).where(thisAttempt(row));
        result.failed++;
      } else {
        await db
          .update(outbox)
          .set({ lastError, nextAttemptAt: later(retryDelayMs(row.attempts)) })
          .where(thisAttempt(row));
        result.retried++;
      }
      continue;
    }
    await db.update(outbox).set({ status: "sent", sentAt: clock(), lastError: null }).where(thisAttempt(row));
    result.sent++;
  }
  return result;
}

function toMessage(row: OutboxRow, from: string, messageIdDomain: string): SendMailOptions {
  return {
    from,
    to: row.to,
    subject: row.subject,
    text: row.text,
    html: row.html ?? undefined,
    headers: row.headers,
    // Stable per row, so a retry after a lost acknowledgement can be recognized as a
    // duplicate by the receiving side; the creation time keeps ids unique across
    // databases that restart their sequence (a reset dev database).
    messageId: `<convene.${row.id}.${row.createdAt.getTime()}@${messageIdDomain}>`,
    // nodemailer adds the text/calendar; method=... alternative and the .ics
    // attachment; Outlook only offers Accept/Decline with both.
    icalEvent: row.calendar ? { method: row.calendar.method, content: row.calendar.content, filename: row.calendar.filename } : undefined,
  };
}

function domainOf(address: string) {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(address)?.[1] ?? "convene.invalid";
}

/** What the readiness check asks: is the loop ticking, and is a run stuck? */
export type DelivererStatus = { intervalMs: number; lastTickAt: number; runStartedAt: number | null };

type Deliverer = { stop: () => void; kick: () => void; status: () => DelivererStatus };

// On globalThis so a hot reload or a second route bundle finds the running deliverer
// instead of starting another timer and another SMTP transport.
const holder = globalThis as typeof globalThis & { __conveneMailDeliverer?: Deliverer };

/**
 * Sends queued mail every few seconds when SMTP_URL is set; without it, mail stays in
 * the outbox for /dev/mailbox. Returns a function that stops it. Safe to call twice.
 */
export function startMailDeliverer({ intervalMs = 5_000 }: { intervalMs?: number } = {}): () => void {
  if (holder.__conveneMailDeliverer) return holder.__conveneMailDeliverer.stop;
  const { SMTP_URL } = getEnv();
  if (!SMTP_URL) return () => {};

  const transport = nodemailer.createTransport({
    url: SMTP_URL,
    // nodemailer waits up to 10 minutes on a silent socket by default, longer than the lease.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  const batchSize = 20;
  let running: Promise<void> | undefined;
  let runAgain = false;
  let stopped = false;
  let lastTickAt = Date.now();
  let runStartedAt: number | null = null;

  const run = () => {
    if (stopped) return;
    lastTickAt = Date.now();
    if (running) {
      // A row committed after the current claim would otherwise wait for the next tick.
      runAgain = true;
      return;
    }
    runStartedAt = Date.now();
    running = (async () => {
      do {
        runAgain = false;
        try {
          const { sent, retried, failed } = await deliverPendingMail({ transport, batchSize });
          if (retried || failed)
            logFor("mail").warn({ sent, retried, failed }, "mail delivery run: some messages will be retried or were given up on (see /admin/mail)");
          // A full batch means more may be waiting; drain it now rather than a tick later.
          if (sent + retried + failed >= batchSize) runAgain = true;
        } catch (error) {
          logFor("mail").error({ err: error }, "mail delivery run failed");
        }
      } while (runAgain && !stopped);
    })().finally(() => {
      running = undefined;
      runStartedAt = null;
    });
  };

  const timer = setInterval(run, intervalMs);
  timer.unref();

  const deliverer: Deliverer = {
    kick: run,
    status: () => ({ intervalMs, lastTickAt, runStartedAt }),
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (holder.__conveneMailDeliverer === deliverer) holder.__conveneMailDeliverer = undefined;
      void (running ?? Promise.resolve()).finally(() => transport.close());
    },
  };
  holder.__conveneMailDeliverer = deliverer;
  run();
  return deliverer.stop;
}

/** The running deliverer's heartbeat in this process, or null when none was started (no SMTP_URL, or start-up failed). */
export function mailDelivererStatus(): DelivererStatus | null {
  return holder.__conveneMailDeliverer?.status() ?? null;
}

/** Sends now instead of at the next tick (a sign-in link should not wait). No-op when not started. */
export function kickMailDeliverer() {
  holder.__conveneMailDeliverer?.kick();
}
