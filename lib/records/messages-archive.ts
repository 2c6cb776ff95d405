import "server-only";
import { and, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { eventMessages } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertRole } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/viewer";
import { streamArchive } from "./archive";
import { csvChunks, mapPages } from "./csv";
import { ADMINS, fileStamp, MESSAGE_COLUMNS, messagePages, messageRow, RECIPIENT_COLUMNS, recipientPages, type RecordsArchive } from "./event-archive";
import { dateRangeSchema, defaultRange, endOfDateIn, fieldErrorsOf, startOfDateIn, type DateRange } from "./records-schema";

/**
 * Every message organizers sent, about any event, in a range of days (in the admin's time zone,
 * both ends included), with its recipients: the community-wide answer to "what did you send
 * people between these dates". Admins only, audited, streamed like the event archive. An address
 * with neither date covers the last 30 days.
 */
export async function openMessagesArchive(viewer: Viewer | null, input: Partial<DateRange>): Promise<RecordsArchive> {
  assertRole(viewer, ADMINS);
  const parsed = dateRangeSchema.safeParse(input.from || input.to ? input : defaultRange(viewer.timeZone));
  if (!parsed.success) throw new AppError("invalid", "Check the dates.", fieldErrorsOf(parsed.error));
  const { from, to } = parsed.data;
  const start = startOfDateIn(from, viewer.timeZone);
  const end = endOfDateIn(to, viewer.timeZone);
  const filename = `organizer-messages-${from}-to-${to}-${fileStamp(new Date())}.zip`;
  const db = await getDb();
  const audit = await db.transaction((tx) =>
    recordAudit(tx, {
      actorId: viewer.id,
      action: "records.exported",
      targetType: "community",
      targetId: null,
      detail: { kind: "organizer-messages", archive: filename, from, to, timeZone: viewer.timeZone },
    }),
  );
  // Up to the export's own time, even when the range runs into the future.
  const until = new Date(Math.min(end.getTime(), audit.createdAt.getTime() + 1));
  const inRange = and(
    sql`${eventMessages.createdAt} >= ${start.toISOString()}::timestamptz`,
    sql`${eventMessages.createdAt} < ${until.toISOString()}::timestamptz`,
  );
  const asOf = audit.createdAt.toISOString();
  const stream = streamArchive({
    files: [
      {
        name: "messages.csv",
        description: `Every message organizers sent from ${from} to ${to} (${viewer.timeZone}), whole, oldest first, with its event.`,
        produce: () => csvChunks(MESSAGE_COLUMNS, mapPages(messagePages(db, inRange), messageRow)),
      },
      {
        name: "message-recipients.csv",
        description: "Each message's recipients, their RSVP status when it was sent, and the delivery the outbox records.",
        produce: () => csvChunks(RECIPIENT_COLUMNS, recipientPages(db, messagePages(db, inRange))),
      },
    ],
    manifest: {
      archive: filename,
      kind: "organizer-messages",
      createdAt: asOf,
      createdBy: { id: viewer.id, email: viewer.email },
      scope: { from, to, timeZone: viewer.timeZone, fromInstant: start.toISOString(), untilInstant: end.toISOString() },
      asOf,
      auditId: audit.id,
      notes: [
        "Times are UTC, in ISO 8601; the range's days are in the time zone named in scope.",
        "CSV cells that begin with = + - @, a tab or a carriage return are prefixed with ' so spreadsheets show them as text.",
        "Messages kept past RETENTION_MESSAGES_DAYS are removed by housekeeping; see RECORDS.md.",
      ],
    },
  });
  return { filename, stream };
}
