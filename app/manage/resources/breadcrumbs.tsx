import Link from "next/link";

/** "Manage resources › <current page>" for the pages below the list. */
export function ResourceBreadcrumbs({ current }: { current: string }) {
  return (
    <nav aria-label="Breadcrumbs" className="usa-breadcrumb padding-top-0">
      <ol className="usa-breadcrumb__list">
        <li className="usa-breadcrumb__list-item">
          <Link href="/manage/resources" className="usa-breadcrumb__link">
            <span>Manage resources</span>
          </Link>
        </li>
        <li className="usa-breadcrumb__list-item usa-current" aria-current="page">
          <span>{current}</span>
        </li>
      </ol>
    </nav>
  );
}
