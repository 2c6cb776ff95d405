import Link from "next/link";
import { formatLabel, kindLabel } from "./event-tags";

type Values = { q?: string; kind?: string; format?: string; topic?: string };

/** A plain GET form: filters live in the URL, so results can be bookmarked and shared. */
export function EventFilterForm({ when, values, topics }: { when: "upcoming" | "past"; values: Values; topics: string[] }) {
  return (
    <form method="get" action="/events" className="usa-form maxw-full" role="search" aria-label="Filter events">
      {when === "past" ? <input type="hidden" name="when" value="past" /> : null}
      <div className="grid-row grid-gap">
        <div className="tablet:grid-col-4">
          <label className="usa-label" htmlFor="filter-q">
            Search events
          </label>
          <input className="usa-input" id="filter-q" name="q" type="search" defaultValue={values.q ?? ""} maxLength={100} />
        </div>
        <div className="tablet:grid-col-2">
          <label className="usa-label" htmlFor="filter-kind">
            Kind
          </label>
          <select className="usa-select" id="filter-kind" name="kind" defaultValue={values.kind ?? ""}>
            <option value="">Any kind</option>
            {["educational", "networking", "workshop", "office_hours"].map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(kind)}
              </option>
            ))}
          </select>
        </div>
        <div className="tablet:grid-col-2">
          <label className="usa-label" htmlFor="filter-format">
            Format
          </label>
          <select className="usa-select" id="filter-format" name="format" defaultValue={values.format ?? ""}>
            <option value="">Any format</option>
            {["virtual", "in_person", "hybrid"].map((format) => (
              <option key={format} value={format}>
                {formatLabel(format)}
              </option>
            ))}
          </select>
        </div>
        <div className="tablet:grid-col-2">
          <label className="usa-label" htmlFor="filter-topic">
            Topic
          </label>
          <select className="usa-select" id="filter-topic" name="topic" defaultValue={values.topic ?? ""}>
            <option value="">Any topic</option>
            {topics.map((topic) => (
              <option key={topic} value={topic}>
                {topic.replace(/-/g, " ")}
              </option>
            ))}
          </select>
        </div>
        <div className="tablet:grid-col-2 display-flex flex-align-end">
          <button type="submit" className="usa-button margin-top-2">
            Apply
          </button>
        </div>
      </div>
      <p>
        <Link href={when === "past" ? "/events?when=past" : "/events"} className="usa-link">
          Clear filters
        </Link>
      </p>
    </form>
  );
}
