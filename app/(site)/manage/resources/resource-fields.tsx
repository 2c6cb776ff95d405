import { Select, TextArea, TextInput as Input, fieldBinder, type FieldCopy } from "@/components/forms";
import type { ResourceFormFields } from "@/lib/resources/resource-schema";
import { RESOURCE_TYPE_LABELS, RESOURCE_TYPES } from "@/lib/resources/resource-types";
import type { EventOption } from "./event-options";

const TYPE_OPTIONS = [{ value: "", label: "- Select -" }, ...RESOURCE_TYPES.map((type) => ({ value: type, label: RESOURCE_TYPE_LABELS[type] }))];

type SharedField = Exclude<keyof ResourceFormFields, "url">;

/** Labels and hints of what every resource has; the link form adds its own URL field. */
const COPY: Record<SharedField, FieldCopy> = {
  title: { label: "Title", hint: "Up to 200 characters. Shown in the library and on the event page." },
  description: { label: "Description", optional: true, hint: "What it is and who it helps, up to 2,000 characters. Shown to members only." },
  type: { label: "Type" },
  topics: { label: "Topics", optional: true, hint: "Separated by commas, up to 10. For example: accessibility, plain language" },
  eventId: { label: "Event", optional: true, hint: "Published and cancelled events, newest first." },
};

/** What every resource has, link or file: shared by the link, upload and edit forms. */
export function ResourceFields({
  values,
  errors,
  events,
}: {
  values: ResourceFormFields;
  errors: Record<string, string[] | undefined>;
  events: EventOption[];
}) {
  const field = fieldBinder<SharedField>(values, errors, COPY);
  return (
    <>
      <Input {...field("title")} />
      <TextArea {...field("description")} rows={4} />
      <Select {...field("type")} options={TYPE_OPTIONS} />
      <Input {...field("topics")} />
      <Select {...field("eventId")} options={events} />
    </>
  );
}
