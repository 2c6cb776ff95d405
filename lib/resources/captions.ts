import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { events, resources } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertRole } from "@/lib/auth/assert";
import { cacheTags, expireTags } from "@/lib/cache/shared-cache";
import { AppError } from "@/lib/errors";
import { logFor } from "@/lib/log";
import { queueFollowUps } from "@/lib/notifications/follow-ups";
import { getStorage, type FileStorage } from "@/lib/storage";
import type { Viewer } from "@/lib/viewer";
import type { CaptionFormat } from "./captions-format";
import type { CaptionsFormInput } from "./captions-schema";
import { captionsState, needsCaptions, type CaptionsState } from "./captions-state";
import { assertResourceId, ORGANIZERS } from "./manage";

const log = logFor("captions");

export type StoredCaptions = { storageKey: string; fileName: string; format: CaptionFormat; sizeBytes: number; cueCount: number };
export type StoredTranscript = { storageKey: string; fileName: string; mimeType: string; sizeBytes: number };
export type CaptionsChange = { id: string; title: string; eventSlug: string | null; published: boolean; state: CaptionsState };

/**
 * Adds or replaces a recording's captions and transcript, in one transaction. Captions are a
 * checked file or, for a link, the organizer's word that the linked player shows them (who said
 * so and when are kept); a transcript is a file or pasted text. Whatever is not sent is kept.
 * When the recording stops being a draft, the people who went to its past event are told.
 * Files replaced here are removed after the commit.
 */
export async function saveCaptionsAndTranscript(
  viewer: Viewer | null,
  id: string,
  { input, captions = null, transcript = null }: { input: CaptionsFormInput; captions?: StoredCaptions | null; transcript?: StoredTranscript | null },
  { now = new Date(), storage = getStorage() }: { now?: Date; storage?: FileStorage } = {},
): Promise<CaptionsChange> {
  assertRole(viewer, ORGANIZERS);
  assertResourceId(id);
  const db = await getDb();
  const { change, replaced } = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(resources).where(eq(resources.id, id)).for("update");
    if (!row) throw new AppError("not_found", "That resource could not be found.");
    if (!needsCaptions(row)) {
      throw new AppError("invalid", "Captions and transcripts are added to recordings. Change this resource’s type to Recording first.");
    }
    const fieldErrors: Record<string, string[]> = {};
    if (input.captionsAttested && row.kind === "file") {
      fieldErrors.captionsAttested = ["An uploaded video can’t carry captions we can check. Upload its captions as a WebVTT or SRT file."];
    }
    if (input.captionsAttested && captions) {
      fieldErrors.captionsAttested = ["Upload a captions file or tick the box, not both."];
    }
    if (input.transcriptText && transcript) {
      fieldErrors.transcriptText = ["Upload a transcript file or paste the text, not both."];
    }
    if (Object.keys(fieldErrors).length > 0) throw new AppError("invalid", "Please correct the errors below.", fieldErrors);
    if (!captions && !input.captionsAttested && !transcript && !input.transcriptText) {
      throw new AppError("invalid", "Add captions or a transcript (or both), then save.", {
        captionsFile: ["Choose a captions file, or for a link, confirm that the video shows captions."],
      });
    }

    const next: Partial<typeof resources.$inferInsert> = {};
    const replaced: string[] = [];
    if (captions || input.captionsAttested) {
      if (row.captionsStorageKey) replaced.push(row.captionsStorageKey);
      Object.assign(next, {
        captionsStorageKey: captions?.storageKey ?? null,
        captionsFileName: captions?.fileName ?? null,
        captionsFormat: captions?.format ?? null,
        captionsSizeBytes: captions?.sizeBytes ?? null,
        captionsCueCount: captions?.cueCount ?? null,
        captionsAttestedBy: captions ? null : viewer.id,
        captionsAttestedAt: captions ? null : now,
      });
    }
    if (transcript || input.transcriptText) {
      if (row.transcriptStorageKey) replaced.push(row.transcriptStorageKey);
      Object.assign(next, {
        transcriptStorageKey: transcript?.storageKey ?? null,
        transcriptFileName: transcript?.fileName ?? null,
        transcriptMimeType: transcript?.mimeType ?? null,
        transcriptSizeBytes: transcript?.sizeBytes ?? null,
        transcriptText: transcript ? null : input.transcriptText,
      });
    }
    const [saved] = await tx.update(resources).set(next).where(eq(resources.id, id)).returning();
    const state = captionsState(saved!);
    const published = row.draft && !saved!.draft;
    // The follow-up waited for this recording (lib/notifications/follow-ups.ts); now it can go.
    if (published && saved!.eventId) await queueFollowUps(tx, { eventId: saved!.eventId, now });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "resource.captions_saved",
      targetType: "resource",
      targetId: id,
      detail: {
        title: row.title,
        captions: captions ? captions.format : input.captionsAttested ? "attested" : null,
        transcript: transcript ? "file" : input.transcriptText ? "text" : null,
        published,
      },
    });
    const [event] = saved!.eventId
      ? await tx
          .select({ slug: events.slug })
          .from(events)
          .where(and(eq(events.id, saved!.eventId)))
      : [];
    return { change: { id, title: row.title, eventSlug: event?.slug ?? null, published, state }, replaced };
  });
  expireTags([cacheTags.resources]);
  for (const key of replaced) {
    await storage.remove(key).catch((error: unknown) => log.error({ err: error, key }, "a replaced captions or transcript file was not removed"));
  }
  return change;
}
