/** What a resource is, as organizers choose it; plain data so forms and pages share one list. */
export const RESOURCE_TYPES = ["slides", "recording", "toolkit", "guide", "template", "link"] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const RESOURCE_TYPE_LABELS: Record<ResourceType, string> = {
  slides: "Slides",
  recording: "Recording",
  toolkit: "Toolkit",
  guide: "Guide",
  template: "Template",
  link: "Link",
};

export function isResourceType(value: unknown): value is ResourceType {
  return typeof value === "string" && (RESOURCE_TYPES as readonly string[]).includes(value);
}
