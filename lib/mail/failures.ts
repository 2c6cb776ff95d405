import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { events, notifications, outbox, users } from "@/db/schema";
import { assertRole } from "@/lib/auth/assert";
import type { Viewer } from "@/lib/viewer";

export const FAILED_MAIL_LIST_MAX = 100;

export type FailedNotification = {
  id: number;
  kind: (typeof notifications.$inferSelect)["kind"];
  email: string;
  eventTitle: string | null;
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
};

export type FailedOutboxMail = {
  id: number;
  kind: string;
  to: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  failedAt: Date | null;
};

export type FailedMail = { notifications: FailedNotification[]; outbox: FailedOutboxMail[] };

/**
 * Mail the app gave up on, newest first, for admins: scheduled notifications that could
 * not be built or queued, and outbox messages the mail server never took. Who, what and
 * why; never a message body.
 */
export async function listFailedMail(viewer: Viewer | null): Promise<FailedMail> {
  assertRole(viewer, ["admin"]);
  const db = await getDb();
  const [failedNotifications, failedOutbox] = await Promise.all([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        email: users.email,
        eventTitle: events.title,
        attempts: notifications.attempts,
        lastError: notifications.lastError,
        failedAt: notifications.failedAt,
      })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .leftJoin(events, eq(events.id, notifications.eventId))
      .where(eq(notifications.status, "failed"))
      .orderBy(desc(notifications.id))
      .limit(FAILED_MAIL_LIST_MAX),
    db
      .select({
        id: outbox.id,
        kind: outbox.kind,
        to: outbox.to,
        subject: outbox.subject,
        attempts: outbox.attempts,
        lastError: outbox.lastError,
        createdAt: outbox.createdAt,
        failedAt: outbox.failedAt,
      })
      .from(outbox)
      .where(eq(outbox.status, "failed"))
      .orderBy(desc(outbox.id))
      .limit(FAILED_MAIL_LIST_MAX),
  ]);
  return { notifications: failedNotifications, outbox: failedOutbox };
}
