import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { CaptionsStatus } from "@/components/captions-status";
import { requireRolePage } from "@/lib/auth/guards";
import { CAPTIONS_MAX_BYTES, TRANSCRIPT_MAX_BYTES, TRANSCRIPT_TEXT_MAX } from "@/lib/resources/captions-schema";
import { captionsState } from "@/lib/resources/captions-state";
import { formatFileSize } from "@/lib/resources/format";
import { firstParam } from "@/lib/search-params";
import { ResourceBreadcrumbs } from "../../breadcrumbs";
import { loadResourceOr404 } from "../../load-resource";
import { CaptionsForm } from "./captions-form";

export const metadata: Metadata = { title: "Captions and transcript" };

const querySchema = z.object({ done: z.enum(["added", "saved"]).optional().catch(undefined) });

export default async function CaptionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const viewer = await requireRolePage(`/manage/resources/${id}/captions`, ["organizer", "admin"]);
  const resource = await loadResourceOr404(viewer, id);
  const { done } = querySchema.parse({ done: firstParam((await searchParams).done) });
  const state = captionsState(resource);

  return (
    <div className="grid-container usa-section">
      <ResourceBreadcrumbs current={`Captions: ${resource.title}`} />
      <h1>Captions and transcript</h1>
      {done ? (
        <div className="usa-alert usa-alert--success usa-alert--slim margin-bottom-2" role="status">
          <div className="usa-alert__body">
            <p className="usa-alert__text">
              {done === "added" ? "The recording was added as a draft." : "Saved."}{" "}
              {state.draft ? "Members will see it once it has captions and a transcript." : "It has captions and a transcript, so members can see it now."}
            </p>
          </div>
        </div>
      ) : null}
      <p className="usa-intro">“{resource.title}” is shown to members only with captions and a transcript, so everyone can follow it.</p>
      <CaptionsStatus state={state} />
      {resource.captionsStorageKey || resource.captionsAttestedAt || resource.transcriptStorageKey || resource.transcriptText !== null ? (
        <ul className="usa-list">
          {resource.captionsStorageKey ? (
            <li>
              Captions: {resource.captionsFileName}
              {resource.captionsCueCount
                ? ` (${resource.captionsCueCount.toLocaleString("en-US")} ${resource.captionsCueCount === 1 ? "caption" : "captions"})`
                : ""}
            </li>
          ) : resource.captionsAttestedAt ? (
            <li>Captions: shown by the linked video’s player (confirmed {resource.captionsAttestedAt.toLocaleDateString("en-US")})</li>
          ) : null}
          {resource.transcriptStorageKey ? (
            <li>
              Transcript: {resource.transcriptFileName} ({formatFileSize(resource.transcriptSizeBytes ?? 0)})
            </li>
          ) : resource.transcriptText !== null ? (
            <li>Transcript: pasted text ({resource.transcriptText.length.toLocaleString("en-US")} characters)</li>
          ) : null}
        </ul>
      ) : null}
      {state.needsCaptions ? (
        <>
          <h2>{state.hasCaptions || state.hasTranscript ? "Replace or add" : "Add them"}</h2>
          <p>Anything you leave empty is kept as it is.</p>
          <CaptionsForm
            resourceId={resource.id}
            isLink={resource.kind === "link"}
            limits={{
              captions: formatFileSize(CAPTIONS_MAX_BYTES),
              transcript: formatFileSize(TRANSCRIPT_MAX_BYTES),
              text: TRANSCRIPT_TEXT_MAX.toLocaleString("en-US"),
            }}
          />
        </>
      ) : (
        <p>
          Only recordings and videos need captions and a transcript here.{" "}
          <Link href={`/manage/resources/${resource.id}/edit`} className="usa-link">
            Edit the resource
          </Link>{" "}
          to change its type.
        </p>
      )}
    </div>
  );
}
