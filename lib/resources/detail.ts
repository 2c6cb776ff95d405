import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { events, resources } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Viewer } from "@/lib/viewer";
import { captionsState } from "./captions-state";
import { canSeeDrafts } from "./download";
import { assertResourceId } from "./manage";
import type { ResourceType } from "./resource-types";

/** Pasted transcripts up to this long are shown on the page too; longer ones are a download only. */
export const INLINE_TRANSCRIPT_MAX = 50_000;

export type ResourceCaptions =
  { kind: "file"; href: string; fileName: string; format: string; cueCount: number | null } | { kind: "attested"; attestedAt: Date };
export type ResourceTranscript =
  { kind: "file"; href: string; fileName: string; sizeBytes: number | null } | { kind: "text"; href: string; text: string | null };

export type ResourceDetail = {
  id: string;
  title: string;
  type: ResourceType;
  kind: "link" | "file";
  topics: string[];
  createdAt: Date;
  needsCaptions: boolean;
  /** Only organizers ever get a draft; `reasons` says what it still needs. */
  draft: boolean;
  reasons: string[];
  canManage: boolean;
  /** What only members get; null for everyone else, who see that it exists. */
  member: {
    description: string;
    href: string;
    fileName: string | null;
    sizeBytes: number | null;
    event: { slug: string; title: string } | null;
    captions: ResourceCaptions | null;
    transcript: ResourceTranscript | null;
  } | null;
};

/**
 * One resource's page. Decided per request: a draft (a recording still without captions or a
 * transcript) is "not found" for anyone but organizers and admins, the same answer as a removed one.
 */
export async function getResourceDetail(viewer: Viewer | null, id: string): Promise<ResourceDetail> {
  assertResourceId(id);
  const db = await getDb();
  const [row] = await db
    .select({ resource: resources, eventSlug: events.slug, eventTitle: events.title })
    .from(resources)
    .leftJoin(events, and(eq(events.id, resources.eventId), inArray(events.status, ["published", "cancelled"])))
    .where(eq(resources.id, id));
  const canManage = canSeeDrafts(viewer) && Boolean(viewer?.hasJoined);
  if (!row || (row.resource.draft && !canManage)) throw new AppError("not_found", "That resource could not be found. It may have been removed.");
  const r = row.resource;
  const state = captionsState(r);
  const download = `/resources/${r.id}/download`;
  const captions: ResourceCaptions | null = r.captionsStorageKey
    ? {
        kind: "file",
        href: `${download}?part=captions`,
        fileName: r.captionsFileName ?? "captions",
        format: r.captionsFormat ?? "vtt",
        cueCount: r.captionsCueCount,
      }
    : r.captionsAttestedAt
      ? { kind: "attested", attestedAt: r.captionsAttestedAt }
      : null;
  const transcript: ResourceTranscript | null = r.transcriptStorageKey
    ? { kind: "file", href: `${download}?part=transcript`, fileName: r.transcriptFileName ?? "transcript", sizeBytes: r.transcriptSizeBytes }
    : r.transcriptText !== null
      ? { kind: "text", href: `${download}?part=transcript`, text: r.transcriptText.length <= INLINE_TRANSCRIPT_MAX ? r.transcriptText : null }
      : null;
  return {
    id: r.id,
    title: r.title,
    type: r.type,
    kind: r.kind,
    topics: r.topics,
    createdAt: r.createdAt,
    needsCaptions: state.needsCaptions,
    draft: r.draft,
    reasons: state.reasons,
    canManage,
    member: viewer?.hasJoined
      ? {
          description: r.description,
          href: r.kind === "link" && r.url ? r.url : download,
          fileName: r.fileName,
          sizeBytes: r.sizeBytes,
          event: row.eventSlug && row.eventTitle ? { slug: row.eventSlug, title: row.eventTitle } : null,
          captions,
          transcript,
        }
      : null,
  };
}
