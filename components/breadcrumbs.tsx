import Link from "next/link";

export type Crumb = { href: string; label: string };

/** USWDS breadcrumb trail: links to the pages above, then the current page. */
export function Breadcrumbs({ trail, current }: { trail: Crumb[]; current: string }) {
  return (
    <nav aria-label="Breadcrumbs" className="usa-breadcrumb padding-top-0">
      <ol className="usa-breadcrumb__list">
        {trail.map((crumb) => (
          <li key={crumb.href} className="usa-breadcrumb__list-item">
            <Link href={crumb.href} className="usa-breadcrumb__link">
              <span>{crumb.label}</span>
            </Link>
          </li>
        ))}
        <li className="usa-breadcrumb__list-item usa-current" aria-current="page">
          <span>{current}</span>
        </li>
      </ol>
    </nav>
  );
}
