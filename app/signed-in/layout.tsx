import { PersonalProvider } from "@/app/_components/personal";
import { SiteFrame } from "@/app/_components/site-frame";

/** proxy.ts sends only signed-in browsers that run script here; the header learns who they are from /api/me. */
export default function SignedInLayout({ children }: { children: React.ReactNode }) {
  return (
    <PersonalProvider>
      <SiteFrame viewer="personal">{children}</SiteFrame>
    </PersonalProvider>
  );
}
