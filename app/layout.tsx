import "@uswds/uswds/css/uswds.min.css";
import "./globals.css";
import type { Metadata } from "next";
import { GovBanner } from "@/components/gov-banner";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { UswdsScript } from "@/components/uswds-script";
import { getHeaderViewer } from "@/lib/auth/viewer";
import { signOutAction } from "./sign-out-action";

export const metadata: Metadata = {
  title: { default: "Social Media Community of Practice", template: "%s | Social Media Community of Practice" },
  description:
    "Events, networking and shared resources for government social media managers and specialists, from GSA's Technology Transformation Services.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getHeaderViewer();
  return (
    <html lang="en">
      <body>
        <a className="usa-skipnav" href="#main-content">
          Skip to main content
        </a>
        <GovBanner />
        <div className="usa-overlay" />
        <SiteHeader viewer={viewer} signOutAction={signOutAction} />
        <main id="main-content" className="site-main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
        <UswdsScript />
      </body>
    </html>
  );
}
