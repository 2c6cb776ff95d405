import "server-only";
import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { auditLog, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertRole } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/viewer";
import { csvChunks, keysetPages, mapPages } from "./csv";
import { ADMINS, fileStamp, PAGE_ROWS } from "./event-archive";
import {
  AUDIT_PAGE_SIZE,
  auditFilterSchema,
  endOfDateIn,
  fieldErrorsOf,
  MAX_AUDIT_PAGE,
  startOfDateIn,
  type AuditFilterField,
  type AuditFilters,
} from "./records-schema";

/** The audit log as admins read it: filtered by who, what, on what and when; newest first. */

export type AuditRow = {
  id: number;
  createdAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  detail: Record<string, unknown>;
};

export type AuditPage = { rows: AuditRow[]; total: number; page: number; pageCount: number; filters: AuditFilters };

/** Parses the filters as the page and the CSV receive them (strings, absent ones missing); a refusal names each field. */
export function parseAuditFilters(raw: Partial<Record<AuditFilterField, string>>): AuditFilters {
  const parsed = auditFilterSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid", "Check the filters.", fieldErrorsOf(parsed.error));
  return parsed.data;
}

function conditions(filters: AuditFilters, timeZone: string): SQL | undefined {
  return and(
    filters.actor ? eq(users.email, filters.actor) : undefined,
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    filters.targetType ? eq(auditLog.targetType, filters.targetType) : undefined,
    filters.targetId ? eq(auditLog.targetId, filters.targetId) : undefined,
    filters.from ? gte(auditLog.createdAt, startOfDateIn(filters.from, timeZone)) : undefined,
    filters.to ? lt(auditLog.createdAt, endOfDateIn(filters.to, timeZone)) : undefined,
  );
}

const columns = {
  id: auditLog.id,
  createdAt: auditLog.createdAt,
  actorId: auditLog.actorId,
  actorEmail: users.email,
  action: auditLog.action,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  detail: auditLog.detail,
};

/** One page of the log. Admins only: it names members, what they did and what they changed. */
export async function listAuditLog(viewer: Viewer | null, filters: AuditFilters, page = 1): Promise<AuditPage> {
  assertRole(viewer, ADMINS);
  const where = conditions(filters, viewer.timeZone);
  const db = await getDb();
  const [counted] = await db.select({ n: count() }).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorId)).where(where);
  const total = counted?.n ?? 0;
  const pageCount = Math.max(1, Math.min(MAX_AUDIT_PAGE, Math.ceil(total / AUDIT_PAGE_SIZE)));
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pageCount);
  const rows = await db
    .select(columns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((current - 1) * AUDIT_PAGE_SIZE);
  return { rows, total, page: current, pageCount, filters };
}

/** The actions the log holds, for the filter's choices (served by audit_log_action_idx). */
export async function listAuditActions(viewer: Viewer | null): Promise<string[]> {
  assertRole(viewer, ADMINS);
  const db = await getDb();
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  return rows.map((row) => row.action);
}

export const AUDIT_CSV_COLUMNS = ["Audit ID", "Time (UTC)", "Actor member ID", "Actor email", "Action", "Target type", "Target ID", "Detail (JSON)"];

function auditPagesDescending(db: Db, where: SQL | undefined, throughId: number) {
  return keysetPages(
    (last: number | null, limit) =>
      db
        .select(columns)
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(and(where, lt(auditLog.id, last ?? throughId + 1)))
        .orderBy(desc(auditLog.id))
        .limit(limit),
    (row) => row.id,
    PAGE_ROWS,
  );
}

/**
 * The log, with the same filters, as CSV streamed a page at a time (newest first). The export is
 * itself audited, with its filters, and the file reads up to that entry, which it includes.
 */
export async function openAuditCsv(
  viewer: Viewer | null,
  raw: Partial<Record<AuditFilterField, string>>,
): Promise<{ filename: string; stream: ReadableStream<Uint8Array> }> {
  // Who asks is decided before what they asked is read, so someone refused learns nothing from a 400.
  assertRole(viewer, ADMINS);
  const filters = parseAuditFilters(raw);
  const db = await getDb();
  const filename = `audit-log-${fileStamp(new Date())}.csv`;
  const audit = await db.transaction((tx) =>
    recordAudit(tx, { actorId: viewer.id, action: "audit.exported", targetType: "audit_log", detail: { format: "csv", filters, timeZone: viewer.timeZone } }),
  );
  const chunks = csvChunks(
    AUDIT_CSV_COLUMNS,
    mapPages(auditPagesDescending(db, conditions(filters, viewer.timeZone), audit.id), (row) => [
      row.id,
      row.createdAt,
      row.actorId,
      row.actorEmail,
      row.action,
      row.targetType,
      row.targetId,
      JSON.stringify(row.detail),
    ]),
  )[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.text));
    },
    async cancel() {
      await chunks.return?.();
    },
  });
  return { filename, stream };
}
