import "server-only";
import { and, asc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { auditLog, eventMessages, events, outbox, resources, rsvps, users, type MessageRecipient } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertRole } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import type { Viewer } from "@/lib/viewer";
import { ACCOMMODATION_COLUMNS, accommodationRecordsReader, accommodationRow } from "./accommodations";
import { streamArchive, type ArchiveFile } from "./archive";
import { csvChunks, jsonArrayChunks, keysetPages, mapPages, timeCursor, type Cell, type TimeCursor } from "./csv";
import { eventSnapshot } from "./event-snapshot";
import { eventArchiveSchema, fieldErrorsOf, type EventArchiveInput } from "./records-schema";

export const ADMINS: Viewer["role"][] = ["admin"];
export const PAGE_ROWS = 500;
const MESSAGE_PAGE = 20;
const RECIPIENT_CHUNK = 500;

/** A keyset on (time, id), written as a row comparison; the time goes as ISO text so both drivers bind it alike. */
const after = (time: Parameters<typeof sql>[1], id: Parameters<typeof sql>[1], last: TimeCursor | null) =>
  last ? sql`(${time}, ${id}) > (${last.at.toISOString()}::timestamptz, ${last.id}::uuid)` : undefined;

// ── pieces both archives share ──

export const MESSAGE_COLUMNS = ["Message ID", "Sent at", "Event ID", "Event", "Sender member ID", "Sender email", "Audience", "Subject", "Body", "Recipients"];
export const RECIPIENT_COLUMNS = ["Message ID", "Sent at", "Member ID", "Email", "Status when sent", "Delivery", "Delivered at"];

type MessageRow = {
  id: string;
  createdAt: Date;
  eventId: string;
  eventTitle: string;
  senderId: string | null;
  senderEmail: string;
  audience: string;
  subject: string;
  body: string;
  recipients: MessageRecipient[];
};

/** Organizer messages in sending order, `where` narrowing them (an event, a date range), a page at a time. */
export function messagePages(db: Db, where: ReturnType<typeof and>, size = MESSAGE_PAGE): AsyncIterable<MessageRow[]> {
  return keysetPages(
    (last: TimeCursor | null, limit): Promise<MessageRow[]> =>
      db
        .select({
          id: eventMessages.id,
          createdAt: eventMessages.createdAt,
          eventId: eventMessages.eventId,
          eventTitle: events.title,
          senderId: eventMessages.senderId,
          senderEmail: eventMessages.senderEmail,
          audience: eventMessages.audience,
          subject: eventMessages.subject,
          body: eventMessages.body,
          recipients: eventMessages.recipients,
        })
        .from(eventMessages)
        .innerJoin(events, eq(events.id, eventMessages.eventId))
        .where(and(where, after(eventMessages.createdAt, eventMessages.id, last)))
        .orderBy(asc(eventMessages.createdAt), asc(eventMessages.id))
        .limit(limit),
    timeCursor,
    size,
  );
}

export function messageRow(m: MessageRow): Cell[] {
  return [m.id, m.createdAt, m.eventId, m.eventTitle, m.senderId, m.senderEmail, m.audience, m.subject, m.body, m.recipients.length];
}

/**
 * One row per recipient of each message, with what the outbox says of the email to them. The
 * outbox row has no message id: it is the event_message email to that address with that subject,
 * queued in the message's transaction (the nearest in time within ten minutes).
 */
export async function* recipientPages(db: Db, messages: AsyncIterable<MessageRow[]>): AsyncIterable<Cell[][]> {
  for await (const page of messages) {
    for (const message of page) {
      for (let start = 0; start < message.recipients.length; start += RECIPIENT_CHUNK) {
        const chunk = message.recipients.slice(start, start + RECIPIENT_CHUNK);
        const mail = await db
          .select({ to: outbox.to, status: outbox.status, sentAt: outbox.sentAt, createdAt: outbox.createdAt })
          .from(outbox)
          .where(
            and(
              eq(outbox.kind, "event_message"),
              eq(outbox.subject, message.subject),
              inArray(
                outbox.to,
                chunk.map((r) => r.email),
              ),
              sql`${outbox.createdAt} between ${new Date(message.createdAt.getTime() - 600_000).toISOString()}::timestamptz and ${new Date(message.createdAt.getTime() + 600_000).toISOString()}::timestamptz`,
            ),
          );
        const nearest = new Map<string, (typeof mail)[number]>();
        for (const row of mail) {
          const known = nearest.get(row.to);
          const distance = (r: typeof row) => Math.abs(r.createdAt.getTime() - message.createdAt.getTime());
          if (!known || distance(row) < distance(known)) nearest.set(row.to, row);
        }
        yield chunk.map((recipient) => {
          const delivery = nearest.get(recipient.email);
          return [
            message.id,
            message.createdAt,
            recipient.userId,
            recipient.email,
            recipient.status,
            delivery?.status ?? "not found",
            delivery?.sentAt ?? null,
          ];
        });
      }
    }
  }
}

/** A safe, sortable stamp for file names: 20261201-172905. */
export function fileStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

// ── the event's archive ──

export const RSVP_COLUMNS = ["RSVP ID", "Member ID", "Name", "Email", "Agency", "Status", "Place in line since", "RSVP made", "Last changed", "Checked in"];
export const AUDIT_TRAIL_COLUMNS = ["Audit ID", "Time", "Actor member ID", "Actor email", "Action", "Detail (JSON, event snapshot left out)"];
export const RESOURCE_COLUMNS = [
  "Resource ID",
  "Title",
  "Description",
  "Kind",
  "Type",
  "Link",
  "File name",
  "MIME type",
  "Size (bytes)",
  "Topics",
  "Added by",
  "Added at",
];

export type RecordsArchive = { filename: string; stream: ReadableStream<Uint8Array> };

/**
 * Everything kept about one event, for a records (FOIA) request, as one streamed zip. Admins only:
 * it carries every attendee's name and email and every message organizers wrote. The export is
 * audited first (its entry is the archive's last audit row, and the manifest names it); every file
 * then reads up to that entry's time, so rows made while the zip streams are not half in it.
 */
export async function openEventArchive(viewer: Viewer | null, input: EventArchiveInput): Promise<RecordsArchive> {
  assertRole(viewer, ADMINS);
  const parsed = eventArchiveSchema.safeParse(input);
  if (!parsed.success) {
    if (parsed.error.issues.some((issue) => issue.path[0] === "eventId")) throw new AppError("not_found", "That event could not be found.");
    throw new AppError("invalid", "Check the export's options.", fieldErrorsOf(parsed.error));
  }
  const { eventId, includeAccommodations } = parsed.data;
  const reader = includeAccommodations ? accommodationRecordsReader() : null;
  const db = await getDb();
  const started = await db.transaction(async (tx) => {
    const current = await eventSnapshot(tx, eventId);
    if (!current) throw new AppError("not_found", "That event could not be found.");
    const filename = `records-${current.slug}-${fileStamp(new Date())}.zip`;
    const audit = await recordAudit(tx, {
      actorId: viewer.id,
      action: "records.exported",
      targetType: "event",
      targetId: eventId,
      detail: { kind: "event-records", archive: filename, includeAccommodations },
    });
    return { current, filename, audit };
  });
  const { current, filename, audit } = started;
  const asOf = audit.createdAt;
  const asOfIso = asOf.toISOString();

  const files: ArchiveFile[] = [
    {
      name: "event.json",
      description: "The event as it stood when the archive was made (every column but the search index).",
      produce: async function* () {
        yield { text: JSON.stringify(current, null, 2) + "\n", records: 1 };
      },
    },
    {
      name: "event-versions.json",
      description: "Every version of the event the audit log kept: the whole event after each change, who made it and when.",
      produce: () =>
        jsonArrayChunks(
          mapPages(auditPages(db, eventId, audit.id, { snapshotsOnly: true }), (row) => ({
            auditId: row.id,
            recordedAt: row.createdAt.toISOString(),
            action: row.action,
            actorId: row.actorId,
            actorEmail: row.actorEmail,
            event: (row.detail as { snapshot?: unknown }).snapshot,
          })),
        ),
    },
    {
      name: "audit-trail.csv",
      description: "Every audit log entry about the event, oldest first: changes, check-ins, calendar declines, messages, exports (this one last).",
      produce: () =>
        csvChunks(
          AUDIT_TRAIL_COLUMNS,
          mapPages(auditPages(db, eventId, audit.id, { snapshotsOnly: false }), (row) => {
            const detail = Object.fromEntries(Object.entries(row.detail).filter(([key]) => key !== "snapshot"));
            return [row.id, row.createdAt, row.actorId, row.actorEmail, row.action, JSON.stringify(detail)];
          }),
        ),
    },
    {
      name: "rsvps.csv",
      description: "Every RSVP with its current status and times. Status changes are not kept as a history; check-ins and declines are in audit-trail.csv.",
      produce: () =>
        csvChunks(
          RSVP_COLUMNS,
          mapPages(rsvpPages(db, eventId, asOfIso), (r) => [
            r.id,
            r.userId,
            r.name,
            r.email,
            r.agency,
            r.status,
            r.queuedAt,
            r.createdAt,
            r.updatedAt,
            r.checkedInAt,
          ]),
        ),
    },
    {
      name: "messages.csv",
      description: "Every message organizers sent about the event, whole, with how many it went to.",
      produce: () => csvChunks(MESSAGE_COLUMNS, mapPages(messagePages(db, eventMessagesOf(eventId, asOfIso)), messageRow)),
    },
    {
      name: "message-recipients.csv",
      description: "Each message's recipients, their RSVP status when it was sent, and the delivery the outbox records.",
      produce: () => csvChunks(RECIPIENT_COLUMNS, recipientPages(db, messagePages(db, eventMessagesOf(eventId, asOfIso)))),
    },
    {
      name: "resources.csv",
      description: "The resources attached to the event: what they are and where they point. File contents are not included.",
      produce: () => csvChunks(RESOURCE_COLUMNS, resourcePages(db, eventId, asOfIso)),
    },
  ];
  if (reader) {
    files.push({
      name: "accommodations.csv",
      description: "Accommodation requests on the event's RSVPs. Health and disability information: included because the admin asked for it.",
      produce: () => csvChunks(ACCOMMODATION_COLUMNS, mapPages(reader(eventId, asOf), accommodationRow)),
    });
  }

  const notes = [
    "Times are UTC, in ISO 8601.",
    "CSV cells that begin with = + - @, a tab or a carriage return are prefixed with ' so spreadsheets show them as text.",
    "Event versions are kept from when the audit log began recording the whole event on each change; earlier changes are listed in audit-trail.csv without the event's content.",
    getEnv().OUTBOX_RETENTION_DAYS > 0
      ? `The text of delivered email is emptied after ${getEnv().OUTBOX_RETENTION_DAYS} days (OUTBOX_RETENTION_DAYS); what organizers wrote is kept whole in messages.csv.`
      : "The text of delivered email is kept (OUTBOX_RETENTION_DAYS=0); what organizers wrote is also in messages.csv.",
    includeAccommodations
      ? "Accommodation requests are included, as asked (those still kept: they are removed a set time after the event)."
      : "Accommodation requests are not included (they were not asked for).",
  ];

  const stream = streamArchive({
    files,
    manifest: {
      archive: filename,
      kind: "event-records",
      createdAt: asOfIso,
      createdBy: { id: viewer.id, email: viewer.email },
      scope: { eventId, slug: current.slug, title: current.title, includeAccommodations },
      asOf: asOfIso,
      auditId: audit.id,
      notes,
    },
  });
  return { filename, stream };
}

function eventMessagesOf(eventId: string, asOfIso: string) {
  return and(eq(eventMessages.eventId, eventId), sql`${eventMessages.createdAt} <= ${asOfIso}::timestamptz`);
}

type AuditRow = { id: number; createdAt: Date; actorId: string | null; actorEmail: string | null; action: string; detail: Record<string, unknown> };

function auditPages(db: Db, eventId: string, throughId: number, { snapshotsOnly }: { snapshotsOnly: boolean }) {
  return keysetPages(
    (last: number | null, limit): Promise<AuditRow[]> =>
      db
        .select({
          id: auditLog.id,
          createdAt: auditLog.createdAt,
          actorId: auditLog.actorId,
          actorEmail: users.email,
          action: auditLog.action,
          detail: auditLog.detail,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(
          and(
            eq(auditLog.targetType, "event"),
            eq(auditLog.targetId, eventId),
            lte(auditLog.id, throughId),
            last !== null ? gt(auditLog.id, last) : undefined,
            snapshotsOnly ? sql`(${auditLog.detail} -> 'snapshot') is not null` : undefined,
          ),
        )
        .orderBy(asc(auditLog.id))
        .limit(limit),
    (row) => row.id,
    PAGE_ROWS,
  );
}

function rsvpPages(db: Db, eventId: string, asOfIso: string) {
  return keysetPages(
    (last: TimeCursor | null, limit) =>
      db
        .select({
          id: rsvps.id,
          userId: rsvps.userId,
          name: users.name,
          email: users.email,
          agency: users.agency,
          status: rsvps.status,
          queuedAt: rsvps.queuedAt,
          createdAt: rsvps.createdAt,
          updatedAt: rsvps.updatedAt,
          checkedInAt: rsvps.checkedInAt,
        })
        .from(rsvps)
        .innerJoin(users, eq(users.id, rsvps.userId))
        .where(and(eq(rsvps.eventId, eventId), sql`${rsvps.createdAt} <= ${asOfIso}::timestamptz`, after(rsvps.createdAt, rsvps.id, last)))
        .orderBy(asc(rsvps.createdAt), asc(rsvps.id))
        .limit(limit),
    timeCursor,
    PAGE_ROWS,
  );
}

async function* resourcePages(db: Db, eventId: string, asOfIso: string): AsyncIterable<Cell[][]> {
  const pages = keysetPages(
    (last: TimeCursor | null, limit) =>
      db
        .select({
          id: resources.id,
          title: resources.title,
          description: resources.description,
          kind: resources.kind,
          type: resources.type,
          url: resources.url,
          fileName: resources.fileName,
          mimeType: resources.mimeType,
          sizeBytes: resources.sizeBytes,
          topics: resources.topics,
          addedBy: users.email,
          createdAt: resources.createdAt,
        })
        .from(resources)
        .leftJoin(users, eq(users.id, resources.createdBy))
        .where(and(eq(resources.eventId, eventId), sql`${resources.createdAt} <= ${asOfIso}::timestamptz`, after(resources.createdAt, resources.id, last)))
        .orderBy(asc(resources.createdAt), asc(resources.id))
        .limit(limit),
    timeCursor,
    PAGE_ROWS,
  );
  for await (const page of pages) {
    yield page.map((r) => [
      r.id,
      r.title,
      r.description,
      r.kind,
      r.type,
      r.url,
      r.fileName,
      r.mimeType,
      r.sizeBytes,
      r.topics.join("; "),
      r.addedBy,
      r.createdAt,
    ]);
  }
}
