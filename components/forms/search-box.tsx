import { controlProps, HintAndError } from "./field";

/** A USWDS search form (GET, so results can be bookmarked): label, optional hint, box and button in a row. */
export function SearchBox({
  id,
  action,
  label,
  hint,
  defaultValue,
  maxLength,
}: {
  id: string;
  action: string;
  label: string;
  hint?: string;
  defaultValue?: string;
  maxLength: number;
}) {
  return (
    <div role="search" className="margin-y-4">
      <form className="usa-search" method="get" action={action}>
        <label className="usa-label" htmlFor={id}>
          {label}
        </label>
        <HintAndError id={id} hint={hint} />
        <div className="display-flex margin-top-1">
          <input
            {...controlProps({ id, name: "q", label, hint, optional: true }, undefined)}
            className="usa-input"
            type="search"
            defaultValue={defaultValue}
            maxLength={maxLength}
          />
          {/* Not USWDS's usa-search__submit-text, which phones hide in favour of an icon image: the word stays, so the button keeps its name. */}
          <button className="usa-button search-submit" type="submit">
            Search
          </button>
        </div>
      </form>
    </div>
  );
}
