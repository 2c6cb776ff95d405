import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * The Prometheus registry and the instruments code updates as things happen. Built once
 * per process and kept on globalThis: Next gives each route its own bundle, and a
 * counter incremented in the RSVP action's bundle must be the one /api/metrics reads.
 * The gauges read from the database at scrape time live in lib/metrics-scrape.ts.
 */
function build() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    rsvpChanges: new Counter({
      name: "convene_rsvp_changes_total",
      help: "RSVP changes by outcome: a seat (going), a waitlist place (waitlisted), or a cancellation (cancelled).",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    signInLinkRequests: new Counter({
      name: "convene_sign_in_link_requests_total",
      help: "Sign-in link requests by outcome: send (a new link), resent, quiet (re-sent enough), refused (address not eligible), rate_limited.",
      labelNames: ["outcome", "reason"] as const,
      registers: [registry],
    }),
    sessionCheckSeconds: new Histogram({
      name: "convene_session_check_seconds",
      help: "Time one request spent reading its session (the session row and its member), signed in or not.",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    mailSendSeconds: new Histogram({
      name: "convene_mail_send_duration_seconds",
      help: "Time the SMTP server took to accept (sent) or refuse (error) one outbox message.",
      labelNames: ["result"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    rsvpLockSeconds: new Histogram({
      name: "convene_rsvp_lock_seconds",
      help: "How long a seat change held its event's row lock: from the lock being granted to the commit, by change (rsvp or cancel).",
      labelNames: ["change"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    outboxPending: new Gauge({ name: "convene_outbox_pending", help: "Outbox messages not yet sent (read at scrape).", registers: [registry] }),
    outboxFailed: new Gauge({
      name: "convene_outbox_failed",
      help: "Outbox messages given up on, shown at /admin/mail (read at scrape).",
      registers: [registry],
    }),
    outboxOldestPendingSeconds: new Gauge({
      name: "convene_outbox_oldest_pending_age_seconds",
      help: "Age of the oldest unsent outbox message, 0 when none (read at scrape).",
      registers: [registry],
    }),
    notificationsDue: new Gauge({
      name: "convene_notifications_due_unsent",
      help: "Scheduled notifications whose time has come and that are not yet sent (read at scrape).",
      registers: [registry],
    }),
    databaseUp: new Gauge({ name: "convene_database_up", help: "1 when the scrape could read the database, else 0.", registers: [registry] }),
  };
}

export type Metrics = ReturnType<typeof build>;

const KEY = Symbol.for("convene.metrics");
const globals = globalThis as Record<symbol, Metrics | undefined>;

export function metrics(): Metrics {
  globals[KEY] ??= build();
  return globals[KEY];
}
