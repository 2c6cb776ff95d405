import Link from "next/link";

/** The address of one page of a list at `path`, keeping the list's filters that are set. */
export function listPageHref(path: string, filters: Record<string, string | undefined>, page: number): string {
  const set = Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return `${path}?${new URLSearchParams([...set, ["page", String(page)]])}`;
}

/** USWDS pagination with previous/next and the current page; the links keep the list's `filters`. */
export function Pagination({
  page,
  pageCount,
  path,
  filters = {},
  label,
}: {
  page: number;
  pageCount: number;
  path: string;
  filters?: Record<string, string | undefined>;
  label: string;
}) {
  if (pageCount <= 1) return null;
  const hrefFor = (target: number) => listPageHref(path, filters, target);
  return (
    <nav aria-label={label} className="usa-pagination">
      <ul className="usa-pagination__list">
        {page > 1 ? (
          <li className="usa-pagination__item usa-pagination__arrow">
            <Link href={hrefFor(page - 1)} className="usa-pagination__link usa-pagination__previous-page">
              <span className="usa-pagination__link-text">Previous</span>
            </Link>
          </li>
        ) : null}
        <li className="usa-pagination__item usa-pagination__page-no">
          <span className="usa-pagination__button usa-current" aria-current="page">
            Page {page} of {pageCount}
          </span>
        </li>
        {page < pageCount ? (
          <li className="usa-pagination__item usa-pagination__arrow">
            <Link href={hrefFor(page + 1)} className="usa-pagination__link usa-pagination__next-page">
              <span className="usa-pagination__link-text">Next</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
