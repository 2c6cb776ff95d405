import Link from "next/link";

/** The address of one page of a list at `path`, keeping the list's filters that are set. */
export function listPageHref(path: string, filters: Record<string, string | undefined>, page: number): string {
  const set = Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return `${path}?${new URLSearchParams([...set, ["page", String(page)]])}`;
}

/** At most this many page slots (numbers and gaps), the USWDS pattern's limit. */
const MAX_SLOTS = 7;

/**
 * Which page numbers to show: all of them when they fit, else the first, the last, the current
 * page and its neighbours, with a gap where pages are left out. Always MAX_SLOTS slots then, so
 * the row does not jump about as the reader moves through the list.
 */
export function pageSlots(page: number, pageCount: number): (number | "gap")[] {
  if (pageCount <= MAX_SLOTS) return Array.from({ length: pageCount }, (_, i) => i + 1);
  if (page <= 4) return [1, 2, 3, 4, 5, "gap", pageCount];
  if (page >= pageCount - 3) return [1, "gap", pageCount - 4, pageCount - 3, pageCount - 2, pageCount - 1, pageCount];
  return [1, "gap", page - 1, page, page + 1, "gap", pageCount];
}

/**
 * USWDS pagination: numbered pages, and Previous/Next from tablet width up. USWDS hides the
 * arrows on phones, so the numbers are what a phone reader moves with: a pager of arrows alone
 * left page 2 unreachable at 390 px. The links keep the list's `filters`.
 */
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
            <Link href={hrefFor(page - 1)} className="usa-pagination__link usa-pagination__previous-page" aria-label="Previous page">
              <span className="usa-pagination__link-text">Previous</span>
            </Link>
          </li>
        ) : null}
        {pageSlots(page, pageCount).map((slot, index) =>
          slot === "gap" ? (
            <li key={`gap-${index}`} className="usa-pagination__item usa-pagination__overflow" aria-label="Pages left out">
              <span>…</span>
            </li>
          ) : (
            <li key={slot} className="usa-pagination__item usa-pagination__page-no">
              {slot === page ? (
                <span className="usa-pagination__button usa-current" aria-current="page" aria-label={`Page ${slot} of ${pageCount}`}>
                  {slot}
                </span>
              ) : (
                <Link href={hrefFor(slot)} className="usa-pagination__button" aria-label={`Page ${slot}`}>
                  {slot}
                </Link>
              )}
            </li>
          ),
        )}
        {page < pageCount ? (
          <li className="usa-pagination__item usa-pagination__arrow">
            <Link href={hrefFor(page + 1)} className="usa-pagination__link usa-pagination__next-page" aria-label="Next page">
              <span className="usa-pagination__link-text">Next</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
