import Link from "next/link";
import { RESOURCE_TYPE_LABELS, RESOURCE_TYPES } from "@/lib/resources/resource-types";
import { FilterSubmit, SearchFilter, SelectFilter, TopicFilter } from "./filter-fields";

type Values = { q?: string; topic?: string; type?: string };

/** A plain GET form, so a search can be bookmarked and shared. */
export function ResourceFilterForm({ values, topics }: { values: Values; topics: string[] }) {
  return (
    <form method="get" action="/resources" className="usa-form maxw-full" role="search" aria-label="Search resources">
      <div className="grid-row grid-gap">
        <SearchFilter id="resources-q" label="Search resources" defaultValue={values.q} width="tablet:grid-col-5" />
        <TopicFilter id="resources-topic" topics={topics} defaultValue={values.topic} width="tablet:grid-col-3" />
        <SelectFilter
          id="resources-type"
          name="type"
          label="Type"
          anyLabel="Any type"
          options={RESOURCE_TYPES.map((type) => ({ value: type, label: RESOURCE_TYPE_LABELS[type] }))}
          defaultValue={values.type}
          width="tablet:grid-col-2"
        />
        <FilterSubmit label="Search" />
      </div>
      <p>
        <Link href="/resources" className="usa-link">
          Clear search and filters
        </Link>
      </p>
    </form>
  );
}
