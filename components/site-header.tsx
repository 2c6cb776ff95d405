import Link from "next/link";
import type { HeaderViewer } from "@/lib/viewer";

/** The primary links everyone sees; the Members link goes between Resources and About. */
const primaryLinks = [
  { href: "/events", label: "Events" },
  { href: "/resources", label: "Resources" },
  { href: "/about", label: "About" },
];

/** The Manage menu: organizers' pages, then (for admins) the administrator's. */
function staffLinks(isAdmin: boolean) {
  return [
    { href: "/manage/events", label: "Manage events" },
    { href: "/manage/resources", label: "Manage resources" },
    ...(isAdmin ? [{ href: "/admin/members", label: "Manage members" }] : []),
  ];
}

/**
 * The header. `viewerItems` replaces the parts that depend on who is signed in (the Members link,
 * and the Manage menu and account links): the cached signed-in pages fill them in the browser
 * (app/_components/personal-nav.tsx); everywhere else they are drawn from `viewer`.
 */
export function SiteHeader({
  viewer,
  signOutAction,
  viewerItems,
}: {
  viewer: HeaderViewer;
  signOutAction: () => Promise<void>;
  viewerItems?: { members: React.ReactNode; account: React.ReactNode };
}) {
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
            {primaryLinks.slice(0, 2).map((link) => (
              <PrimaryLink key={link.href} {...link} />
            ))}
            {viewerItems ? viewerItems.members : <MembersNavItem viewer={viewer} />}
            {primaryLinks.slice(2).map((link) => (
              <PrimaryLink key={link.href} {...link} />
            ))}
            {viewerItems ? viewerItems.account : <AccountNavItems viewer={viewer} signOutAction={signOutAction} />}
          </ul>
        </nav>
      </div>
    </header>
  );
}

function PrimaryLink({ href, label }: { href: string; label: string }) {
  return (
    <li className="usa-nav__primary-item">
      <Link href={href} className="usa-nav-link">
        <span>{label}</span>
      </Link>
    </li>
  );
}

/** Members alone may open the directory. */
export function MembersNavItem({ viewer }: { viewer: HeaderViewer }) {
  return viewer?.isMember ? <PrimaryLink href="/members" label="Members" /> : null;
}

/** The Manage menu for staff, then My events, My account and Sign out; or Sign in. */
export function AccountNavItems({ viewer, signOutAction }: { viewer: HeaderViewer; signOutAction: () => Promise<void> }) {
  if (!viewer) {
    return <PrimaryLink href="/signin" label="Sign in" />;
  }
  return (
    <>
      {viewer.canManage ? (
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
      {/* Beside "My account" rather than in a menu under it: one tap on a phone, and "My account" stays a link. */}
      {viewer.isMember ? <PrimaryLink href="/account/events" label="My events" /> : null}
      <PrimaryLink href="/account" label="My account" />
      <li className="usa-nav__primary-item">
        <form action={signOutAction}>
          <button type="submit" className="usa-button usa-button--unstyled usa-nav-link sign-out-button">
            <span>Sign out</span>
          </button>
        </form>
      </li>
    </>
  );
}
