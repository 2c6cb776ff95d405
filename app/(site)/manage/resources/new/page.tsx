import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requireRolePage } from "@/lib/auth/guards";
import { getEnv } from "@/lib/env";
import { firstParam } from "@/lib/search-params";
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

/** `kind` picks the form; `event` (from an event's manage page) preselects that event. Anything else is ignored. */
const querySchema = z.object({
  kind: z.enum(["link", "file"]).catch("link"),
  event: z.uuid().optional().catch(undefined),
});

export default async function NewResourcePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const { kind, event } = querySchema.parse({ kind: firstParam(raw.kind), event: firstParam(raw.event) });
  const withEvent = (to: "link" | "file") => `/manage/resources/new?kind=${to}${event ? `&event=${event}` : ""}`;
  const viewer = await requireRolePage(withEvent(kind), ["organizer", "admin"]);
  // `include` finds the event even past the list's newest 100; a draft is dropped, as lib/ would refuse it.
  const attachable = (await listAttachableEvents(viewer, { include: event })).filter((option) => option.status !== "draft");
  const events = eventOptions(attachable);
  const defaults = { ...EMPTY, eventId: event && attachable.some((option) => option.id === event) ? event : "" };
  const heading = kind === "file" ? "Upload a file" : "Add a link";
  const maxBytes = getEnv().UPLOAD_MAX_BYTES;

  return (
    <div className="grid-container usa-section">
      <ResourceBreadcrumbs current={heading} />
      <h1>{heading}</h1>
      <p className="usa-intro">Members find resources in the library and on the page of the event they belong to.</p>
      <p>
        {kind === "file" ? (
          <Link href={withEvent("link")} className="usa-link">
            Add a link instead
          </Link>
        ) : (
          <Link href={withEvent("file")} className="usa-link">
            Upload a file instead
          </Link>
        )}
      </p>
      {kind === "file" ? (
        <FileUploadForm
          defaults={defaults}
          events={events}
          maxBytes={maxBytes}
          maxLabel={formatFileSize(maxBytes)}
          accept={ALLOWED_EXTENSIONS.map((ext) => `.${ext}`).join(",")}
          allowedLabel="PDF, PowerPoint, Word, Excel, CSV, plain text, WebVTT captions, PNG, JPEG or MP4"
        />
      ) : (
        <ResourceForm action={createLinkResourceAction} defaults={defaults} events={events} withUrl submitLabel="Add link" />
      )}
    </div>
  );
}
