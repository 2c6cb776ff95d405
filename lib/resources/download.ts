import "server-only";
import { Readable } from "node:stream";
import { create as contentDisposition } from "content-disposition";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/db";
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
  part = "file",
  range,
  ifRange,
  storage = getStorage(),
}: {
  viewer: Viewer | null;
  id: string;
  /** captions: the resource itself, or a recording's captions or transcript. */
  part?: DownloadPart;
  range?: string | null;
  ifRange?: string | null;
  storage?: FileStorage;
}): Promise<ResourceDownload> {
  assertMember(viewer);
  assertResourceId(id);
  const db = await getDb();
  const [row] = await db
    .select({
      kind: resources.kind,
      title: resources.title,
      url: resources.url,
      storageKey: resources.storageKey,
      fileName: resources.fileName,
      mimeType: resources.mimeType,
      draft: resources.draft,
      captionsStorageKey: resources.captionsStorageKey,
      captionsFileName: resources.captionsFileName,
      captionsFormat: resources.captionsFormat,
      transcriptStorageKey: resources.transcriptStorageKey,
      transcriptFileName: resources.transcriptFileName,
      transcriptMimeType: resources.transcriptMimeType,
      transcriptText: resources.transcriptText,
    })
    .from(resources)
    .where(eq(resources.id, id));
  // captions: a recording without captions or a transcript is a draft, which only organizers may open.
  if (!row || (row.draft && !canSeeDrafts(viewer))) throw new AppError("not_found", "That resource could not be found. It may have been removed.");
  const target = partOf(row, part);
  if (target.kind === "redirect") return target;
  if (target.kind === "text") {
    const bytes = Buffer.from(target.text, "utf8");
    const wanted = ifRange ? null : resolveRange(range ?? null, bytes.length);
    if (wanted === "unsatisfiable") return { kind: "unsatisfiable", size: bytes.length };
    await auditDownload(db, viewer, id, target.fileName, wanted);
    const body = wanted ? bytes.subarray(wanted.start, wanted.end + 1) : bytes;
    return { kind: "file", fileName: target.fileName, mimeType: "text/plain", size: bytes.length, range: wanted, body: Readable.from([body]) };
  }
  const stored = target.storageKey ? await storage.stat(target.storageKey) : null;
  if (!target.storageKey || !stored) {
    console.error(`Resource ${id} has no stored ${part} (key ${target.storageKey ?? "none"}).`);
    throw new AppError("not_found", "That file could not be found. It may have been removed.");
  }
  const wanted = ifRange ? null : resolveRange(range ?? null, stored.size);
  if (wanted === "unsatisfiable") return { kind: "unsatisfiable", size: stored.size };
  const opened = await storage.get(target.storageKey, wanted ?? undefined);
  if (!opened) throw new AppError("not_found", "That file could not be found. It may have been removed.");
  await auditDownload(db, viewer, id, target.fileName, wanted);
  return {
    kind: "file",
    fileName: target.fileName,
    mimeType: target.mimeType,
    size: opened.size,
    range: wanted,
    body: opened.stream,
  };
}

export const DOWNLOAD_PARTS = ["file", "captions", "transcript"] as const;
export type DownloadPart = (typeof DOWNLOAD_PARTS)[number];

export function canSeeDrafts(viewer: Viewer | null): boolean {
  return viewer?.role === "organizer" || viewer?.role === "admin";
}

type Part =
  | { kind: "redirect"; url: string }
  | { kind: "stored"; storageKey: string | null; fileName: string; mimeType: string }
  | { kind: "text"; text: string; fileName: string };

function partOf(
  row: {
    kind: "link" | "file";
    title: string;
    url: string | null;
    storageKey: string | null;
    fileName: string | null;
    mimeType: string | null;
    captionsStorageKey: string | null;
    captionsFileName: string | null;
    captionsFormat: string | null;
    transcriptStorageKey: string | null;
    transcriptFileName: string | null;
    transcriptMimeType: string | null;
    transcriptText: string | null;
  },
  part: DownloadPart,
): Part {
  if (part === "captions") {
    // Captions the organizer vouched for live in the linked player: there is no file to hand out.
    if (!row.captionsStorageKey) throw new AppError("not_found", "This recording has no captions file.");
    const mimeType = row.captionsFormat === "srt" ? "application/x-subrip" : "text/vtt";
    return { kind: "stored", storageKey: row.captionsStorageKey, fileName: row.captionsFileName ?? `captions.${row.captionsFormat ?? "vtt"}`, mimeType };
  }
  if (part === "transcript") {
    if (row.transcriptStorageKey) {
      return {
        kind: "stored",
        storageKey: row.transcriptStorageKey,
        fileName: row.transcriptFileName ?? "transcript",
        mimeType: row.transcriptMimeType ?? "application/octet-stream",
      };
    }
    if (row.transcriptText !== null) return { kind: "text", text: row.transcriptText, fileName: `${row.title} - transcript.txt` };
    throw new AppError("not_found", "This recording has no transcript yet.");
  }
  if (row.kind === "link") {
    if (!row.url) throw new AppError("not_found", "That resource has no link.");
    return { kind: "redirect", url: row.url };
  }
  return { kind: "stored", storageKey: row.storageKey, fileName: row.fileName ?? "download", mimeType: row.mimeType ?? "application/octet-stream" };
}

// Organizers and admins can reach every file, including ones tied to events they do not run: their downloads
// are recorded. Once per download, not per range a player or resumed transfer asks for afterwards.
async function auditDownload(db: Db, viewer: Viewer, id: string, fileName: string, wanted: ByteRange | null) {
  if (viewer.role !== "member" && (wanted === null || wanted.start === 0)) {
    await recordAudit(db, {
      actorId: viewer.id,
      action: "resource.downloaded",
      targetType: "resource",
      targetId: id,
      detail: { role: viewer.role, fileName },
    });
  }
}

/** RFC 6266: an ASCII `filename` for old clients ("?" for the rest) and the real name in `filename*`. */
export function attachmentDisposition(fileName: string): string {
  return contentDisposition(fileName, { type: "attachment" });
}
