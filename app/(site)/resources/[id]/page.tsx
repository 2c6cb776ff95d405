import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound } from "@/app/_components/or-not-found";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { CaptionsStatus } from "@/components/captions-status";
import { ResourceAccessNotice } from "@/components/resource-access-notice";
import { ResourceTypeTag } from "@/components/resource-type-tag";
import { getViewer } from "@/lib/auth/viewer";
import { getResourceDetail } from "@/lib/resources/detail";
import { formatAddedDate, formatFileSize } from "@/lib/resources/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Resource" };

/** One resource: what it is, where to open it and, for a recording, its captions and transcript. */
export default async function ResourcePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  const resource = await orNotFound(getResourceDetail(viewer, id));
  const member = resource.member;

  return (
    <div className="grid-container usa-section">
      <Breadcrumbs trail={[{ href: "/resources", label: "Resources" }]} current={resource.title} />
      <h1>{resource.title}</h1>
      <p>
        <ResourceTypeTag type={resource.type} /> Added <time dateTime={resource.createdAt.toISOString()}>{formatAddedDate(resource.createdAt)}</time>
      </p>
      {resource.canManage && resource.needsCaptions ? (
        <div className="margin-bottom-2">
          <CaptionsStatus state={resource} />
          <p>
            <Link href={`/manage/resources/${resource.id}/captions`} className="usa-link">
              Edit the captions and transcript
            </Link>
          </p>
        </div>
      ) : null}
      {member ? (
        <>
          {member.description ? <p className="usa-intro">{member.description}</p> : null}
          <p>
            {resource.kind === "file" ? (
              <a href={member.href} className="usa-button" download>
                Download {member.fileName ?? "the file"}
                {member.sizeBytes !== null ? ` (${formatFileSize(member.sizeBytes)})` : ""}
              </a>
            ) : (
              <a href={member.href} className="usa-button" rel="noopener noreferrer">
                Open the {resource.type === "recording" ? "recording" : "link"}
              </a>
            )}
          </p>
          {member.event ? (
            <p>
              From{" "}
              <Link href={`/events/${member.event.slug}`} className="usa-link">
                {member.event.title}
              </Link>
            </p>
          ) : null}
          {resource.needsCaptions ? (
            <dl className="resource-access-parts">
              <dt className="text-bold">Captions</dt>
              <dd className="margin-left-0 margin-bottom-2">
                {member.captions?.kind === "file" ? (
                  <a href={member.captions.href} className="usa-link" download>
                    Download the captions ({member.captions.format === "srt" ? "SubRip" : "WebVTT"}
                    {member.captions.cueCount
                      ? `, ${member.captions.cueCount.toLocaleString("en-US")} ${member.captions.cueCount === 1 ? "caption" : "captions"}`
                      : ""}
                    )
                  </a>
                ) : member.captions?.kind === "attested" ? (
                  "Shown in the recording’s own player: turn on CC there. An organizer checked them."
                ) : (
                  "Not yet"
                )}
              </dd>
              <dt className="text-bold">Transcript</dt>
              <dd className="margin-left-0 margin-bottom-2">
                {member.transcript ? (
                  <a href={member.transcript.href} className="usa-link" download>
                    Download the transcript
                    {member.transcript.kind === "file"
                      ? ` (${member.transcript.fileName}${member.transcript.sizeBytes !== null ? `, ${formatFileSize(member.transcript.sizeBytes)}` : ""})`
                      : " (plain text)"}
                  </a>
                ) : (
                  "Not yet"
                )}
              </dd>
            </dl>
          ) : null}
          {member.transcript?.kind === "text" && member.transcript.text ? (
            <details className="margin-top-2">
              <summary className="usa-link">Read the transcript on this page</summary>
              <div className="margin-top-1 bg-base-lightest padding-2 radius-md" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                {member.transcript.text}
              </div>
            </details>
          ) : null}
        </>
      ) : (
        <ResourceAccessNotice signedIn={Boolean(viewer)} returnTo={`/resources/${resource.id}`} />
      )}
      {resource.topics.length > 0 ? (
        <ul className="usa-collection__meta" aria-label="Topics">
          {resource.topics.map((topic) => (
            <li key={topic} className="usa-collection__meta-item usa-tag usa-tag--big bg-base-lighter text-ink">
              {topic.replace(/-/g, " ")}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
