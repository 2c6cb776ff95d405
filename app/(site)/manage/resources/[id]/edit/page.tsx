import type { Metadata } from "next";
import Link from "next/link";
import { CaptionsStatus } from "@/components/captions-status";
import { captionsState } from "@/lib/resources/captions-state";
import { requireRolePage } from "@/lib/auth/guards";
import { formatFileSize } from "@/lib/resources/format";
import { listAttachableEvents } from "@/lib/resources/organizer";
import { updateResourceAction } from "../../actions";
import { ResourceBreadcrumbs } from "../../breadcrumbs";
import { eventOptions } from "../../event-options";
import { loadResourceOr404 } from "../../load-resource";
import { ResourceForm } from "../../resource-form";

export const metadata: Metadata = { title: "Edit resource" };

export default async function EditResourcePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireRolePage(`/manage/resources/${id}/edit`, ["organizer", "admin"]);
  const resource = await loadResourceOr404(viewer, id);
  const captions = captionsState(resource);
  const events = eventOptions(await listAttachableEvents(viewer, { include: resource.eventId }));
  return (
    <div className="grid-container usa-section">
      <ResourceBreadcrumbs current={resource.title} />
      <h1>Edit resource</h1>
      {captions.needsCaptions ? (
        <div className="margin-bottom-2">
          <CaptionsStatus state={captions} />
          <p>
            <Link href={`/manage/resources/${resource.id}/captions`} className="usa-link">
              {captions.draft ? "Add captions and a transcript" : "Captions and transcript"}
            </Link>
          </p>
        </div>
      ) : null}
      {resource.kind === "file" ? (
        <p className="usa-intro">
          File: {resource.fileName} ({formatFileSize(resource.sizeBytes ?? 0)}). To replace the file, remove this resource and upload the new one.
        </p>
      ) : null}
      <ResourceForm
        action={updateResourceAction.bind(null, resource.id)}
        defaults={{
          title: resource.title,
          description: resource.description,
          type: resource.type,
          topics: resource.topics.join(", "),
          eventId: resource.eventId ?? "",
          url: resource.url ?? "",
        }}
        events={events}
        withUrl={resource.kind === "link"}
        submitLabel="Save changes"
      />
    </div>
  );
}
