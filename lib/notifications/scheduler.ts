import "server-only";
import { sweepSignInLinks } from "@/lib/auth/link-requests";
import { logFor } from "@/lib/log";
import { runDailyHousekeeping } from "@/lib/housekeeping";
import { kickMailDeliverer } from "@/lib/mail";
import { sweepRateLimits } from "@/lib/rate-limit";
import { sendDueNotifications } from "./send";

type Scheduler = { stop: () => Promise<void> };

// On globalThis, like the mail deliverer, so a second route bundle finds the running one.
const holder = globalThis as typeof globalThis & { __conveneNotificationScheduler?: Scheduler };

/**
 * Sends due notifications every `intervalMs`. Any number of processes may run one
 * against the same database: rows are claimed with SKIP LOCKED and keyed, so none is
 * sent twice. Returns a stop function that waits for a run in progress. Safe to call twice.
 */
export function startNotificationScheduler({ intervalMs }: { intervalMs: number }): () => Promise<void> {
  if (holder.__conveneNotificationScheduler) return holder.__conveneNotificationScheduler.stop;
  let running: Promise<void> | undefined;
  let stopped = false;

  const run = () => {
    if (stopped || running) return;
    running = sendDueNotifications()
      .then(async ({ sent, retried, failed }) => {
        if (sent > 0) kickMailDeliverer();
        if (retried || failed)
          logFor("notifications").warn({ sent, retried, failed }, "notification run: some will be retried or were given up on (see /admin/mail)");
        await Promise.all([sweepRateLimits(), sweepSignInLinks()]);
        // Every tick asks; the database lets one process in all instances through once a day (lib/housekeeping.ts).
        await runDailyHousekeeping();
      })
      .catch((error: unknown) => logFor("notifications").error({ err: error }, "notification run failed"))
      .finally(() => {
        running = undefined;
      });
  };

  const timer = setInterval(run, intervalMs);
  timer.unref();
  const scheduler: Scheduler = {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (holder.__conveneNotificationScheduler === scheduler) holder.__conveneNotificationScheduler = undefined;
      await running;
    },
  };
  holder.__conveneNotificationScheduler = scheduler;
  run();
  return scheduler.stop;
}
