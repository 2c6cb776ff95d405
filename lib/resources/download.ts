import "server-only";
import type { Readable } from "node:stream";
import { create as contentDisposition } from "content-disposition";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { resources } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertMember } from "@/lib/auth/assert";
import { AppError } from "@/lib/errors";
import { getStorage, type ByteRange, type FileStorage } from "@/lib/storage";
import type { Viewer } from "@/lib/viewer";
import { assertResourceId } from "./manage";
import { resolveRange } from "./range";

export type ResourceDownload =
  | { kind: "redirect"; url: string }
  | { kind: "unsatisfiable"; size: number }
  | { kind: "file"; fileName: string; mimeType: string; size: number; range: ByteRange | null; body: Readable };

/**
 * Opens a resource for a member. Asked on every request, not at sign-in, so a
 * removed resource or a disabled account stops working at once. `ifRange` is not
 * matched against anything, so a conditional range gets the whole file (RFC 9110 §13.1.5).
 */
export async function openResourceDownload({
  viewer,
  id,
  range,
  ifRange,
  storage = getStorage(),
}: {
  viewer: Viewer | null;
  id: string;
  range?: string | null;
  ifRange?: string | null;
  storage?: FileStorage;
}): Promise<ResourceDownload> {
  assertMember(viewer);
  assertResourceId(id);
  const db = await getDb();
  const [row] = await db
    .select({ kind: resources.kind, url: resources.url, storageKey: resources.storageKey, fileName: resources.fileName, mimeType: resources.mimeType })
    .from(resources)
    .where(eq(resources.id, id));
  if (!row) throw new AppError("not_found", "That resource could not be found. It may have been removed.");
  if (row.kind === "link") {
    if (!row.url) throw new AppError("not_found", "That resource has no link.");
    return { kind: "redirect", url: row.url };
  }
  const stored = row.storageKey ? await storage.stat(row.storageKey) : null;
  if (!row.storageKey || !stored) {
    console.error(`Resource ${id} has no stored file (key ${row.storageKey ?? "none"}).`);
    throw new AppError("not_found", "That file could not be found. It may have been removed.");
  }
  const wanted = ifRange ? null : resolveRange(range ?? null, stored.size);
  if (wanted === "unsatisfiable") return { kind: "unsatisfiable", size: stored.size };
  const opened = await storage.get(row.storageKey, wanted ?? undefined);
  if (!opened) throw new AppError("not_found", "That file could not be found. It may have been removed.");
  // Organizers and admins can reach every file, including ones tied to events they do not run: their downloads
  // are recorded. Once per download, not per range a player or resumed transfer asks for afterwards.
  if (viewer.role !== "member" && (wanted === null || wanted.start === 0)) {
    await recordAudit(db, {
      actorId: viewer.id,
      action: "resource.downloaded",
      targetType: "resource",
      targetId: id,
      detail: { role: viewer.role, fileName: row.fileName ?? null },
    });
  }
  return {
    kind: "file",
    fileName: row.fileName ?? "download",
    mimeType: row.mimeType ?? "application/octet-stream",
    size: opened.size,
    range: wanted,
    body: opened.stream,
  };
}

/** RFC 6266: an ASCII `filename` for old clients ("?" for the rest) and the real name in `filename*`. */
export function attachmentDisposition(fileName: string): string {
  return contentDisposition(fileName, { type: "attachment" });
}
