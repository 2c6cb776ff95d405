import { RESOURCE_TYPE_LABELS, type ResourceType } from "@/lib/resources/resource-types";

/** The kind of resource, in a tag dark enough for AA contrast with its white text. */
export function ResourceTypeTag({ type }: { type: ResourceType }) {
  return <span className="usa-tag bg-primary-darker">{RESOURCE_TYPE_LABELS[type]}</span>;
}
