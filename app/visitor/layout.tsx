import { SiteFrame } from "@/app/_components/site-frame";

/** proxy.ts sends only requests without a session cookie here, so the header shows "Sign in" and can be cached. */
export default function VisitorLayout({ children }: { children: React.ReactNode }) {
  return <SiteFrame viewer={null}>{children}</SiteFrame>;
}
