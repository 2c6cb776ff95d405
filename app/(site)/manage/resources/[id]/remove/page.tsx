import type { Metadata } from "next";
import { requireRolePage } from "@/lib/auth/guards";
import { removeResourceAction } from "../../actions";
import { ResourceBreadcrumbs } from "../../breadcrumbs";
import { loadResourceOr404 } from "../../load-resource";
import { RemoveResourceForm } from "./remove-resource-form";

export const metadata: Metadata = { title: "Remove resource" };

export default async function RemoveResourcePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireRolePage(`/manage/resources/${id}/remove`, ["organizer", "admin"]);
  const resource = await loadResourceOr404(viewer, id);
  return (
    <div className="grid-container usa-section">
      <ResourceBreadcrumbs current={`Remove ${resource.title}`} />
      <h1>Remove “{resource.title}”?</h1>
      <div className="usa-alert usa-alert--warning">
        <div className="usa-alert__body">
          <p className="usa-alert__text">
            {resource.kind === "file"
              ? "The file is deleted and its download link stops working for everyone. This can’t be undone."
              : "The link disappears from the library and its event page. This can’t be undone."}
          </p>
        </div>
      </div>
      <div className="margin-top-3">
        <RemoveResourceForm action={removeResourceAction.bind(null, resource.id)} />
      </div>
    </div>
  );
}
