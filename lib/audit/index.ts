import "server-only";
import { auditLog } from "@/db/schema";
import type { Db, Tx } from "@/db";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  detail?: Record<string, unknown>;
};

/** Written inside the caller's transaction, so an action and its record stand or fall together. */
export async function recordAudit(tx: Tx | Db, entry: AuditEntry): Promise<{ id: number; createdAt: Date }> {
  // records: the entry's id and time come back, so an export can name its own audit entry and read up to it.
  const [row] = await tx
    .insert(auditLog)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      detail: entry.detail ?? {},
    })
    .returning({ id: auditLog.id, createdAt: auditLog.createdAt });
  return row!;
}
