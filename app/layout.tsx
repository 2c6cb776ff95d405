import "@uswds/uswds/css/uswds.min.css";
import "./globals.css";
import type { Metadata } from "next";
import { GovBanner } from "@/components/gov-banner";
import { SiteFooter } from "@/components/site-footer";
import { UswdsScript } from "@/components/uswds-script";
import { ScriptMarker } from "@/app/_components/personal";

export const metadata: Metadata = {
  title: { default: "Social Media Community of Practice", template: "%s | Social Media Community of Practice" },
  description: "Events, networking and shared resources for government social media managers and specialists, from GSA's Technology Transformation Services.",
};

/**
 * Reads nothing per request, so the pages a visitor without a session gets
 * (app/visitor) can be prerendered and cached. The header, which shows who is
 * signed in, lives in the layout of each tree: app/(site) reads the session,
 * app/visitor knows there is none.
 */
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="usa-skipnav" href="#main-content">
          Skip to main content
        </a>
        <GovBanner />
        <div className="usa-overlay" />
        {children}
        <SiteFooter />
        <UswdsScript />
        <ScriptMarker />
      </body>
    </html>
  );
}
