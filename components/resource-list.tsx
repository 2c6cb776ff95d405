import Link from "next/link";
import type { LibraryResource } from "@/lib/resources/library";
import { formatAddedDate, formatFileSize } from "@/lib/resources/format";
import { ResourceTypeTag } from "./resource-type-tag";

/** The library's results as a USWDS collection; what each item shows depends on what the server sent. */
export function ResourceList({ items, label }: { items: LibraryResource[]; label: string }) {
  return (
    <ul className="usa-collection" aria-label={label}>
      {items.map((item) => (
        <li key={item.id} className="usa-collection__item">
          <div className="usa-collection__body">
            <h2 className="usa-collection__heading">{item.forMembers ? <ResourceLink item={item} /> : item.title}</h2>
            {item.forMembers && item.description ? <p className="usa-collection__description">{item.description}</p> : null}
            <ul className="usa-collection__meta" aria-label="About this resource">
              <li className="usa-collection__meta-item">
                <ResourceTypeTag type={item.type} />
              </li>
              {item.forMembers && item.sizeBytes !== null ? (
                <li className="usa-collection__meta-item">
                  {item.fileName} ({formatFileSize(item.sizeBytes)})
                </li>
              ) : null}
              {item.forMembers && item.type === "recording" ? (
                <li className="usa-collection__meta-item">
                  <Link href={`/resources/${item.id}`} className="usa-link">
                    Captions and transcript<span className="usa-sr-only"> for {item.title}</span>
                  </Link>
                </li>
              ) : null}
              {item.forMembers && item.event ? (
                <li className="usa-collection__meta-item">
                  From{" "}
                  <Link href={`/events/${item.event.slug}`} className="usa-link">
                    {item.event.title}
                  </Link>
                </li>
              ) : null}
              <li className="usa-collection__meta-item">
                Added <time dateTime={item.createdAt.toISOString()}>{formatAddedDate(item.createdAt)}</time>
              </li>
            </ul>
            {item.topics.length > 0 ? (
              <ul className="usa-collection__meta" aria-label="Topics">
                {item.topics.map((topic) => (
                  <li key={topic} className="usa-collection__meta-item usa-tag usa-tag--big bg-base-lighter text-ink">
                    {topic.replace(/-/g, " ")}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

function ResourceLink({ item }: { item: Extract<LibraryResource, { forMembers: true }> }) {
  if (item.kind === "file") {
    return (
      <a href={item.href} className="usa-link" download>
        {item.title}
        <span className="usa-sr-only"> (download)</span>
      </a>
    );
  }
  return (
    <a href={item.href} className="usa-link usa-link--external" rel="noopener noreferrer">
      {item.title}
    </a>
  );
}
