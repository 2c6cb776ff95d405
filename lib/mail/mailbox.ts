import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { outbox, type OutboxCalendar } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

export type MailboxMessage = {
  id: number;
  to: string;
  subject: string;
  text: string;
  kind: string;
  status: "pending" | "sent" | "failed";
  createdAt: Date;
  sentAt: Date | null;
  calendarMethod: OutboxCalendar["method"] | null;
};

const MAX_LIMIT = 100;

/**
 * Newest messages first, for /dev/mailbox. The page shows sign-in links to anyone who
 * opens it, so it answers "not found" unless the dev mailbox is enabled
 * (on outside production, or with DEV_MAILBOX=true).
 */
export async function listMailbox({ to, limit = 50 }: { to?: string; limit?: number } = {}): Promise<MailboxMessage[]> {
  if (!getEnv().devMailboxEnabled) throw new AppError("not_found", "Page not found");
  const bounded = Math.min(Math.max(1, Math.trunc(Number.isFinite(limit) ? limit : MAX_LIMIT)), MAX_LIMIT);
  const recipient = to?.trim().toLowerCase();
  const db = await getDb();
  const rows = await db
    .select({
      id: outbox.id,
      to: outbox.to,
      subject: outbox.subject,
      text: outbox.text,
      kind: outbox.kind,
      status: outbox.status,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      calendar: outbox.calendar,
    })
    .from(outbox)
    // Addresses are matched without regard to case: people type them both ways.
    .where(recipient ? eq(sql`lower(${outbox.to})`, recipient) : undefined)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(bounded);
  return rows.map(({ calendar, ...row }) => ({ ...row, calendarMethod: calendar?.method ?? null }));
}
