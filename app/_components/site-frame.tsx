import { SiteHeader } from "@/components/site-header";
import type { HeaderViewer } from "@/lib/viewer";
import { signOutAction } from "@/app/sign-out-action";

/** The header and the main landmark the skip link points to, around a page. */
export function SiteFrame({ viewer, children }: { viewer: HeaderViewer; children: React.ReactNode }) {
  return (
    <>
      <SiteHeader viewer={viewer} signOutAction={signOutAction} />
      <main id="main-content" className="site-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
