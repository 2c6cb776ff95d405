import type { Metadata } from "next";
import Link from "next/link";
import { requireRolePage } from "@/lib/auth/guards";
import { getEnv } from "@/lib/env";
import { ALLOWED_EXTENSIONS } from "@/lib/resources/file-types";
import { formatFileSize } from "@/lib/resources/format";
import { listAttachableEvents } from "@/lib/resources/organizer";
import type { ResourceFormFields } from "@/lib/resources/resource-schema";
import { createLinkResourceAction } from "../actions";
import { ResourceBreadcrumbs } from "../breadcrumbs";
import { eventOptions } from "../event-options";
import { FileUploadForm } from "../file-upload-form";
import { ResourceForm } from "../resource-form";

export const metadata: Metadata = { title: "Add a resource" };

const EMPTY: ResourceFormFields = { title: "", description: "", type: "", topics: "", eventId: "", url: "" };

export default async function NewResourcePage({ searchParams }: { searchParams: Promise<{ kind?: string | string[] }> }) {
  const kind = (await searchParams).kind === "file" ? "file" : "link";
  const viewer = await requireRolePage(`/manage/resources/new?kind=${kind}`, ["organizer", "admin"]);
  const events = eventOptions(await listAttachableEvents(viewer));
  const heading = kind === "file" ? "Upload a file" : "Add a link";
  const maxBytes = getEnv().UPLOAD_MAX_BYTES;

  return (
    <div className="grid-container usa-section">
      <ResourceBreadcrumbs current={heading} />
      <h1>{heading}</h1>
      <p className="usa-intro">Members find resources in the library and on the page of the event they belong to.</p>
      <p>
        {kind === "file" ? (
          <Link href="/manage/resources/new?kind=link" className="usa-link">
            Add a link instead
          </Link>
        ) : (
          <Link href="/manage/resources/new?kind=file" className="usa-link">
            Upload a file instead
          </Link>
        )}
      </p>
      {kind === "file" ? (
        <FileUploadForm
          defaults={EMPTY}
          events={events}
          maxBytes={maxBytes}
          maxLabel={formatFileSize(maxBytes)}
          accept={ALLOWED_EXTENSIONS.map((ext) => `.${ext}`).join(",")}
          allowedLabel="PDF, PowerPoint, Word, Excel, CSV, plain text, WebVTT captions, PNG, JPEG or MP4"
        />
      ) : (
        <ResourceForm action={createLinkResourceAction} defaults={EMPTY} events={events} withUrl submitLabel="Add link" />
      )}
    </div>
  );
}
