import Link from "next/link";
import { RESOURCE_TYPE_LABELS, RESOURCE_TYPES } from "@/lib/resources/resource-types";

type Values = { q?: string; topic?: string; type?: string };

/** A plain GET form, so a search can be bookmarked and shared. */
export function ResourceFilterForm({ values, topics }: { values: Values; topics: string[] }) {
  return (
    <form method="get" action="/resources" className="usa-form maxw-full" role="search" aria-label="Search resources">
      <div className="grid-row grid-gap">
        <div className="tablet:grid-col-5">
          <label className="usa-label" htmlFor="resources-q">
            Search resources
          </label>
          <input className="usa-input" id="resources-q" name="q" type="search" defaultValue={values.q ?? ""} maxLength={100} />
        </div>
        <div className="tablet:grid-col-3">
          <label className="usa-label" htmlFor="resources-topic">
            Topic
          </label>
          <select className="usa-select" id="resources-topic" name="topic" defaultValue={values.topic ?? ""}>
            <option value="">Any topic</option>
            {topics.map((topic) => (
              <option key={topic} value={topic}>
                {topic.replace(/-/g, " ")}
              </option>
            ))}
          </select>
        </div>
        <div className="tablet:grid-col-2">
          <label className="usa-label" htmlFor="resources-type">
            Type
          </label>
          <select className="usa-select" id="resources-type" name="type" defaultValue={values.type ?? ""}>
            <option value="">Any type</option>
            {RESOURCE_TYPES.map((type) => (
              <option key={type} value={type}>
                {RESOURCE_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </div>
        <div className="tablet:grid-col-2 display-flex flex-align-end">
          <button type="submit" className="usa-button margin-top-2">
            Search
          </button>
        </div>
      </div>
      <p>
        <Link href="/resources" className="usa-link">
          Clear search and filters
        </Link>
      </p>
    </form>
  );
}
