/**
 * Background work without the web server: sends due notifications, delivers the
 * outbox and runs the daily housekeeping (lib/housekeeping.ts), for deployments that
 * run it apart from `next start` (then set NOTIFICATIONS_INTERVAL_SECONDS=0 on the web
 * instances, or leave both on: rows are claimed with SKIP LOCKED and housekeeping in
 * the database, so running both only shares the work).
 */
import { closeDb } from "@/db";
import { runMigrations } from "@/db/migrate";
import { ensureAuthSecret } from "@/lib/auth-secret";
import { ConfigError, getEnv } from "@/lib/env";
import { logFor } from "@/lib/log";
import { startMailDeliverer } from "@/lib/mail";
import { startNotificationScheduler } from "@/lib/notifications/scheduler";

let env;
try {
  env = getEnv();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`\nThe Convene worker cannot start. ${error.message}\nSee .env.example for every variable.\n`);
    process.exit(1);
  }
  throw error;
}
ensureAuthSecret(env);
await runMigrations();

// 0 means "not in the app process"; the worker exists to run it, so it falls back to a minute.
const intervalSeconds = env.NOTIFICATIONS_INTERVAL_SECONDS || 60;
const stopScheduler = startNotificationScheduler({ intervalMs: intervalSeconds * 1000 });
const stopMail = startMailDeliverer();
const workerLog = logFor("worker");
if (!env.SMTP_URL) workerLog.warn("SMTP_URL is not set, so mail stays in the outbox (see /dev/mailbox)");
workerLog.info({ intervalSeconds }, "worker started: sending due notifications; stop with Ctrl+C or SIGTERM");

// The scheduler's timers do not hold the process open (in the web server they must not); this does.
const keepAlive = setInterval(() => {}, 1 << 30);
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  workerLog.info({ signal }, "worker stopping: finishing the current run");
  await stopScheduler();
  stopMail();
  clearInterval(keepAlive);
  await closeDb();
  workerLog.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
