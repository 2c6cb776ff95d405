/** The pieces of a GET filter form (events, resources): a search box and labelled selects with an "any" option. */
export function SearchFilter({ id, label, defaultValue, width }: { id: string; label: string; defaultValue?: string; width: string }) {
  return (
    <div className={width}>
      <label className="usa-label" htmlFor={id}>
        {label}
      </label>
      <input className="usa-input" id={id} name="q" type="search" defaultValue={defaultValue ?? ""} maxLength={100} />
    </div>
  );
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
    <div className={width}>
      <label className="usa-label" htmlFor={id}>
        {label}
      </label>
      <select className="usa-select" id={id} name={name} defaultValue={defaultValue ?? ""}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
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

export const topicOptions = (topics: string[]) => topics.map((topic) => ({ value: topic, label: topic.replace(/-/g, " ") }));
