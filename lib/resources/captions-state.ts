/**
 * Whether a resource may be shown to members: a recording (or any video file) needs captions and a
 * transcript first. The database keeps the same rule as the generated `resources.draft` column;
 * this words it for pages. Pure, so components may use it.
 */
export type CaptionsFacts = {
  type: string;
  mimeType: string | null;
  captionsStorageKey: string | null;
  captionsAttestedAt: Date | null;
  transcriptStorageKey: string | null;
  transcriptText: string | null;
};

export const NEEDS_CAPTIONS = "Needs captions";
export const NEEDS_TRANSCRIPT = "Needs a transcript";

export type CaptionsState = { needsCaptions: boolean; hasCaptions: boolean; hasTranscript: boolean; draft: boolean; reasons: string[] };

export function needsCaptions(resource: Pick<CaptionsFacts, "type" | "mimeType">): boolean {
  return resource.type === "recording" || (resource.mimeType ?? "").startsWith("video/");
}

export function captionsState(resource: CaptionsFacts): CaptionsState {
  const needed = needsCaptions(resource);
  const hasCaptions = Boolean(resource.captionsStorageKey || resource.captionsAttestedAt);
  const hasTranscript = Boolean(resource.transcriptStorageKey || resource.transcriptText !== null);
  const reasons = needed ? [...(hasCaptions ? [] : [NEEDS_CAPTIONS]), ...(hasTranscript ? [] : [NEEDS_TRANSCRIPT])] : [];
  return { needsCaptions: needed, hasCaptions, hasTranscript, draft: reasons.length > 0, reasons };
}
