import Link from "next/link";
import type { HeaderViewer } from "@/lib/viewer";

/** The primary links; `members` ones only for members (they alone may open the directory). */
const primaryLinks = [
  { href: "/events", label: "Events", members: false },
  { href: "/resources", label: "Resources", members: false },
  { href: "/members", label: "Members", members: true },
  { href: "/about", label: "About", members: false },
];

/** The Manage menu: organizers' pages, then (for admins) the administrator's. */
function staffLinks(isAdmin: boolean) {
  return [
    { href: "/manage/events", label: "Manage events" },
    { href: "/manage/resources", label: "Manage resources" },
    ...(isAdmin ? [{ href: "/admin/members", label: "Manage members" }] : []),
  ];
}

export function SiteHeader({ viewer, signOutAction }: { viewer: HeaderViewer; signOutAction: () => Promise<void> }) {
  return (
    <header className="usa-header usa-header--basic">
      <div className="usa-nav-container">
        <div className="usa-navbar">
          <div className="usa-logo">
            <em className="usa-logo__text">
              <Link href="/" title="Home">
                Social Media Community of Practice
              </Link>
            </em>
          </div>
          <button type="button" className="usa-menu-btn">
            Menu
          </button>
        </div>
        <nav aria-label="Primary navigation" className="usa-nav">
          <button type="button" className="usa-nav__close">
            <span className="usa-sr-only">Close menu</span>
            <span aria-hidden="true">&times;</span>
          </button>
          <ul className="usa-nav__primary usa-accordion">
            {primaryLinks
              .filter((link) => !link.members || viewer?.isMember)
              .map((link) => (
                <li key={link.href} className="usa-nav__primary-item">
                  <Link href={link.href} className="usa-nav-link">
                    <span>{link.label}</span>
                  </Link>
                </li>
              ))}
            {viewer?.canManage ? (
              // One menu for every staff page (admins' too), so a staff member's header fits one line at 1280 px.
              <li className="usa-nav__primary-item">
                <button type="button" className="usa-accordion__button usa-nav__link" aria-expanded="false" aria-controls="manage-menu">
                  <span>Manage</span>
                </button>
                <ul id="manage-menu" className="usa-nav__submenu" hidden>
                  {staffLinks(viewer.isAdmin).map((link) => (
                    <li key={link.href} className="usa-nav__submenu-item">
                      <Link href={link.href}>{link.label}</Link>
                    </li>
                  ))}
                </ul>
                {/* The menu opens with script; without it the same links are plain ones, so the header is no dead end. */}
                <noscript>
                  {staffLinks(viewer.isAdmin).map((link) => (
                    <a key={link.href} href={link.href} className="usa-nav-link display-block">
                      <span>{link.label}</span>
                    </a>
                  ))}
                </noscript>
              </li>
            ) : null}
            {viewer ? (
              <>
                {/* Beside "My account" rather than in a menu under it: one tap on a phone, and "My account" stays a link. */}
                {viewer.isMember ? (
                  <li className="usa-nav__primary-item">
                    <Link href="/account/events" className="usa-nav-link">
                      <span>My events</span>
                    </Link>
                  </li>
                ) : null}
                <li className="usa-nav__primary-item">
                  <Link href="/account" className="usa-nav-link">
                    <span>My account</span>
                  </Link>
                </li>
                <li className="usa-nav__primary-item">
                  <form action={signOutAction}>
                    <button type="submit" className="usa-button usa-button--unstyled usa-nav-link sign-out-button">
                      <span>Sign out</span>
                    </button>
                  </form>
                </li>
              </>
            ) : (
              <li className="usa-nav__primary-item">
                <Link href="/signin" className="usa-nav-link">
                  <span>Sign in</span>
                </Link>
              </li>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}
