import { Select, TextInput } from "@/components/forms";

/** The pieces of a GET filter form (events, resources): a search box and labelled selects with an "any" option. */
export function SearchFilter({ id, label, defaultValue, width }: { id: string; label: string; defaultValue?: string; width: string }) {
  return <TextInput id={id} name="q" type="search" label={label} optional="unmarked" maxLength={100} defaultValue={defaultValue} groupClassName={width} />;
}

export function SelectFilter({
  id,
  name,
  label,
  anyLabel,
  options,
  defaultValue,
  width,
}: {
  id: string;
  name: string;
  label: string;
  anyLabel: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  width: string;
}) {
  return (
    <Select
      id={id}
      name={name}
      label={label}
      optional="unmarked"
      options={[{ value: "", label: anyLabel }, ...options]}
      defaultValue={defaultValue ?? ""}
      groupClassName={width}
    />
  );
}

export function FilterSubmit({ label }: { label: string }) {
  return (
    <div className="tablet:grid-col-2 display-flex flex-align-end">
      <button type="submit" className="usa-button margin-top-2">
        {label}
      </button>
    </div>
  );
}

/** Topics are stored as slugs ("plain-language"); the filter shows them as words. */
export function TopicFilter({ id, topics, defaultValue, width }: { id: string; topics: string[]; defaultValue?: string; width: string }) {
  const options = topics.map((topic) => ({ value: topic, label: topic.replace(/-/g, " ") }));
  return <SelectFilter id={id} name="topic" label="Topic" anyLabel="Any topic" options={options} defaultValue={defaultValue} width={width} />;
}
