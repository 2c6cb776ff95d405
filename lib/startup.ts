import "server-only";
import { ConfigError, getEnv, type Env } from "@/lib/env";
import { peerAddressPreloaded } from "@/lib/request-ip";
import { ensureAuthSecret } from "@/lib/auth-secret";
import { logFor } from "@/lib/log";
import { describeStorage } from "@/lib/storage";

/**
 * Runs once per server process before it takes requests: a wrong configuration
 * stops the process with a message naming the variable, then the database is
 * migrated (and, for a fresh embedded database in development, seeded).
 */
/**
 * With TRUSTED_PROXY_HOPS=0 the per-IP limits need the socket address, which only the
 * preload in `npm start` provides. Without it every client would share one bucket, so
 * production refuses to start; development (`next dev`) warns and carries on.
 */
export function checkClientAddressSource(env: Env, preloaded = peerAddressPreloaded()): boolean {
  if (env.TRUSTED_PROXY_HOPS > 0 || preloaded) return true;
  const message =
    "TRUSTED_PROXY_HOPS is 0 (no proxy header is trusted), but the server was started without scripts/peer-address.mjs, so the client's socket address is unknown. Start it with `npm start`, or set TRUSTED_PROXY_HOPS to the number of proxies in front of it.";
  if (env.NODE_ENV === "production") {
    // Prose on stderr for whoever starts it by hand (e2e/limits.spec.ts reads it), and a line for the log collector.
    console.error(`\nConvene cannot start. ${message}\n`);
    logFor("startup").fatal("Convene cannot start: no trustworthy client address (see TRUSTED_PROXY_HOPS)");
    return false;
  }
  logFor("startup").warn(`${message} Until then every request shares one rate-limit bucket.`);
  return true;
}

export async function startServer() {
  let env;
  let storage;
  try {
    env = getEnv();
    // The file store's own variables (the AWS_ ones, a VCAP_SERVICES binding) are checked now, not at the first upload.
    storage = describeStorage();
  } catch (error) {
    if (error instanceof ConfigError) {
      // On stderr as prose too: whoever starts the server by hand reads this, not a log collector.
      console.error(`\nConvene cannot start. ${error.message}\nSee .env.example for every variable.\n`);
      logFor("startup").fatal({ problems: error.problems }, "Convene cannot start: invalid configuration");
      process.exit(1);
    }
    throw error;
  }
  logFor("startup").info({ storage }, "uploaded files are kept in the configured store");
  ensureAuthSecret(env);
  if (!checkClientAddressSource(env)) process.exit(1);

  const { runMigrations } = await import("@/db/migrate");
  const { getDb } = await import("@/db");
  try {
    await runMigrations();
  } catch (error) {
    // The server still starts so /api/health can answer 503 and pages can explain.
    logFor("startup").error({ err: error }, "database migrations failed; /api/health/ready answers 503 until a restart applies them");
    return;
  }

  if (env.NODE_ENV === "development" && !env.DATABASE_URL) {
    const { seedDemoData } = await import("@/db/seed");
    const { seeded } = await seedDemoData(await getDb());
    if (seeded) logFor("startup").info("the embedded database was empty, so demo data was added");
  }

  const { startMailDeliverer } = await import("@/lib/mail");
  startMailDeliverer();
  if (env.MAIL_IN_URL) {
    // Calendar replies received in this process: the one way with the embedded database, which one process opens.
    const { listenAddress, startMailReceiver } = await import("@/lib/mail/inbound");
    const address = listenAddress(env.MAIL_IN_URL);
    startMailReceiver({ ...address, maxBytes: env.MAIL_IN_MAX_BYTES }).then(
      ({ port }) => logFor("startup").info({ protocol: address.lmtp ? "lmtp" : "smtp", host: address.host, port }, "receiving calendar replies"),
      (error: unknown) => logFor("startup").error({ err: error }, "the calendar-reply receiver could not start"),
    );
  }
  if (env.NOTIFICATIONS_INTERVAL_SECONDS > 0) {
    const { startNotificationScheduler } = await import("@/lib/notifications/scheduler");
    startNotificationScheduler({ intervalMs: env.NOTIFICATIONS_INTERVAL_SECONDS * 1000 });
  }
  logFor("startup").info(
    {
      database: env.DATABASE_URL ? "postgres" : "pglite",
      smtp: Boolean(env.SMTP_URL),
      notificationsIntervalSeconds: env.NOTIFICATIONS_INTERVAL_SECONDS,
      metrics: Boolean(env.METRICS_TOKEN),
    },
    "Convene started: migrations applied, background work running",
  );
}
