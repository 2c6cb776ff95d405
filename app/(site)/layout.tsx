import { SiteFrame } from "@/app/_components/site-frame";
import { getHeaderViewer } from "@/lib/auth/viewer";

/** Every page that may depend on who is asking: rendered per request, with the viewer in the header. */
export default async function SiteLayout({ children }: { children: React.ReactNode }) {
  return <SiteFrame viewer={await getHeaderViewer()}>{children}</SiteFrame>;
}
