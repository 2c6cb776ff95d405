import "server-only";
import { sql } from "drizzle-orm";
// The journal this build was made with: the migrations its code expects (bundled, so no file read at run time).
import builtJournal from "@/db/migrations/meta/_journal.json";
import { getDb, type Db } from "@/db";
import { rowsOf } from "@/db/rows";
import { getEnv } from "@/lib/env";
import { logFor } from "@/lib/log";
import { mailDelivererStatus, type DelivererStatus } from "@/lib/mail";

const HEALTH_TIMEOUT_MS = 3000;
/** A pending outbox row due this long ago and still not claimed means nothing is delivering. */
export const OUTBOX_STUCK_MS = 15 * 60_000;
/** A delivery run may hold its rows this long (deliver.ts's lease) before it counts as hung. */
const DELIVERY_RUN_MAX_MS = 5 * 60_000;

async function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out`)), HEALTH_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The answer is public (load balancers ask without credentials): the error itself goes to the log, not the body. */
function failure(check: string, what: string, error: unknown): Check {
  logFor("health").error({ check, err: error }, `readiness: ${what}`);
  return { ok: false, detail: `${what} (see the log)` };
}

/** True when the database answers a trivial query within a few seconds; never throws. */
export async function checkDatabase(): Promise<boolean> {
  try {
    const db = await getDb();
    await withTimeout(db.execute(sql`select 1`), "database health check");
    return true;
  } catch (error) {
    logFor("health").error({ err: error }, "health check: the database did not answer");
    return false;
  }
}

export type Check = { ok: boolean; detail: string };
export type Readiness = { ok: boolean; checks: { database: Check; migrations: Check; outbox: Check; deliverer: Check } };

export type ReadinessOptions = {
  db?: Db;
  /** The migrations expected; default db/migrations/meta/_journal.json, the list the start-up migrator applies. */
  journal?: Journal;
  /** Whether this process should be delivering mail at all (SMTP_URL set). */
  smtpConfigured?: boolean;
  deliverer?: DelivererStatus | null;
  now?: number;
};

/**
 * Whether this instance should get traffic: the database answers, every migration in
 * the journal is applied, and mail is moving. "Moving" is judged by rows that are due
 * and unclaimed, not by age: a message retrying through an SMTP outage is due again
 * only after its backoff, while one due for 15 minutes that no deliverer has claimed
 * (a claim pushes next_attempt_at past a lease) means delivery has stopped. The
 * outbox's age is a metric to alert on, not a reason to take every instance out of the
 * load balancer. Without SMTP_URL mail waits for /dev/mailbox by design, so neither
 * mail check applies.
 */
export async function checkReadiness(options: ReadinessOptions = {}): Promise<Readiness> {
  const now = options.now ?? Date.now();
  const smtpConfigured = options.smtpConfigured ?? Boolean(getEnv().SMTP_URL);
  const deliverer = options.deliverer === undefined ? mailDelivererStatus() : options.deliverer;
  const skipped: Check = { ok: true, detail: "skipped: SMTP_URL is not set, so mail waits in the outbox for /dev/mailbox" };

  let db: Db | undefined;
  let database: Check;
  try {
    db = options.db ?? (await getDb());
    await withTimeout(db.execute(sql`select 1`), "database check");
    database = { ok: true, detail: "answers" };
  } catch (error) {
    database = failure("database", "unreachable", error);
  }
  const unknown: Check = { ok: false, detail: "not checked: the database is unreachable" };
  const [migrations, outbox] =
    db && database.ok
      ? await Promise.all([checkMigrations(db, options.journal ?? builtJournal), smtpConfigured ? checkOutbox(db, now) : skipped])
      : [unknown, smtpConfigured ? unknown : skipped];
  const delivererCheck = smtpConfigured ? checkDeliverer(deliverer, now) : skipped;

  const checks = { database, migrations, outbox, deliverer: delivererCheck };
  const ok = Object.values(checks).every((check) => check.ok);
  if (!ok) {
    const failing = Object.entries(checks)
      .filter(([, check]) => !check.ok)
      .map(([name, check]) => `${name}: ${check.detail}`);
    logFor("health").warn({ failing }, "readiness check failed");
  }
  return { ok, checks };
}

export type Journal = { entries: { tag: string; when: number }[] };

/** As drizzle's migrator decides: every journal entry newer than the last applied one is pending. */
async function checkMigrations(db: Db, journal: Journal): Promise<Check> {
  try {
    const table = rowsOf<{ present: boolean }>(await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`))[0];
    let lastApplied = 0;
    if (table?.present) {
      const row = rowsOf<{ last: string | number | null }>(await db.execute(sql`select max(created_at) as last from drizzle.__drizzle_migrations`))[0];
      lastApplied = Number(row?.last ?? 0);
    }
    const pending = journal.entries.filter((entry) => entry.when > lastApplied).map((entry) => entry.tag);
    if (pending.length === 0) return { ok: true, detail: `all ${journal.entries.length} applied` };
    return { ok: false, detail: `${pending.length} of ${journal.entries.length} not applied: ${pending.join(", ")}` };
  } catch (error) {
    return failure("migrations", "could not compare the journal with the database", error);
  }
}

async function checkOutbox(db: Db, now: number): Promise<Check> {
  try {
    const cutoff = new Date(now - OUTBOX_STUCK_MS).toISOString();
    const row = rowsOf<{ stuck: number; oldest: Date | string | null }>(
      await db.execute(sql`select count(*)::int as stuck, min(next_attempt_at) as oldest from outbox
        where status = 'pending' and next_attempt_at < ${cutoff}::timestamptz`),
    )[0];
    const stuck = Number(row?.stuck ?? 0);
    if (stuck === 0) return { ok: true, detail: "no message overdue by more than 15 minutes" };
    const minutes = row?.oldest ? Math.round((now - new Date(row.oldest).getTime()) / 60_000) : null;
    return { ok: false, detail: `${stuck} pending message(s) overdue and unclaimed${minutes === null ? "" : `, the oldest for ${minutes} minutes`}` };
  } catch (error) {
    return failure("outbox", "could not read the outbox", error);
  }
}

function checkDeliverer(status: DelivererStatus | null, now: number): Check {
  if (!status) return { ok: false, detail: "not running in this process (did start-up fail? see the log)" };
  if (status.runStartedAt !== null && now - status.runStartedAt > DELIVERY_RUN_MAX_MS) {
    return { ok: false, detail: `a delivery run has been going for ${Math.round((now - status.runStartedAt) / 1000)} s` };
  }
  const sinceTick = now - status.lastTickAt;
  if (sinceTick > Math.max(3 * status.intervalMs, 60_000)) return { ok: false, detail: `no tick for ${Math.round(sinceTick / 1000)} s` };
  return { ok: true, detail: "ticking" };
}
