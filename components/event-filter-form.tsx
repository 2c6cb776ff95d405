import Link from "next/link";
import { FORMAT_LABELS, KIND_LABELS, labelOptions } from "@/lib/events/vocabulary";
import { FilterSubmit, SearchFilter, SelectFilter, TopicFilter } from "./filter-fields";

type Values = { q?: string; kind?: string; format?: string; topic?: string };

const kinds = labelOptions(KIND_LABELS, "tag");
const formats = labelOptions(FORMAT_LABELS, "tag");

/** A plain GET form: filters live in the URL, so results can be bookmarked and shared. */
export function EventFilterForm({ when, values, topics }: { when: "upcoming" | "past"; values: Values; topics: string[] }) {
  return (
    <form method="get" action="/events" className="usa-form maxw-full" role="search" aria-label="Filter events">
      {when === "past" ? <input type="hidden" name="when" value="past" /> : null}
      <div className="grid-row grid-gap">
        <SearchFilter id="filter-q" label="Search events" defaultValue={values.q} width="tablet:grid-col-4" />
        <SelectFilter id="filter-kind" name="kind" label="Kind" anyLabel="Any kind" options={kinds} defaultValue={values.kind} width="tablet:grid-col-2" />
        <SelectFilter
          id="filter-format"
          name="format"
          label="Format"
          anyLabel="Any format"
          options={formats}
          defaultValue={values.format}
          width="tablet:grid-col-2"
        />
        <TopicFilter id="filter-topic" topics={topics} defaultValue={values.topic} width="tablet:grid-col-2" />
        <FilterSubmit label="Apply" />
      </div>
      <p>
        <Link href={when === "past" ? "/events?when=past" : "/events"} className="usa-link">
          Clear filters
        </Link>
      </p>
    </form>
  );
}
