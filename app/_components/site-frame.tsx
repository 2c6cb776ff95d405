import { SiteHeader } from "@/components/site-header";
import type { HeaderViewer } from "@/lib/viewer";
import { signOutAction } from "@/app/sign-out-action";
import { PersonalNavItems } from "./personal-nav";

/**
 * The header and the main landmark the skip link points to, around a page. `viewer: "personal"`: a
 * cached page for signed-in members, whose header learns who is asking in the browser (app/signed-in).
 */
export function SiteFrame({ viewer, children }: { viewer: HeaderViewer | "personal"; children: React.ReactNode }) {
  const personal = viewer === "personal";
  return (
    <>
      <SiteHeader
        viewer={personal ? null : viewer}
        signOutAction={signOutAction}
        viewerItems={
          personal
            ? {
                members: <PersonalNavItems part="members" signOutAction={signOutAction} />,
                account: <PersonalNavItems part="account" signOutAction={signOutAction} />,
              }
            : undefined
        }
      />
      <main id="main-content" className="site-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
