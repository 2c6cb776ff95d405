import { Select, TextArea, TextInput as Input } from "@/components/forms";
import type { ResourceFormFields } from "@/lib/resources/resource-schema";
import { RESOURCE_TYPE_LABELS, RESOURCE_TYPES } from "@/lib/resources/resource-types";
import type { EventOption } from "./event-options";

const TYPE_OPTIONS = [{ value: "", label: "- Select -" }, ...RESOURCE_TYPES.map((type) => ({ value: type, label: RESOURCE_TYPE_LABELS[type] }))];

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
  const field = (name: keyof ResourceFormFields) => ({ name, defaultValue: values[name] ?? "", errors: errors[name] });
  return (
    <>
      <Input {...field("title")} label="Title" hint="Up to 200 characters. Shown in the library and on the event page." />
      <TextArea {...field("description")} label="Description" optional rows={4} hint="What it is and who it helps, up to 2,000 characters. Shown to members only." />
      <Select {...field("type")} label="Type" options={TYPE_OPTIONS} />
      <Input {...field("topics")} label="Topics" optional hint="Separated by commas, up to 10. For example: accessibility, plain language" />
      <Select {...field("eventId")} label="Event" optional hint="Published and cancelled events, newest first." options={events} />
    </>
  );
}
