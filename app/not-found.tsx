import { NotFoundContent } from "@/components/not-found-content";
import { SiteFrame } from "@/components/site-frame";

/**
 * Next renders this with every page as the root boundary, cached pages too, so it
 * must not read the session. Unknown addresses reach app/(site)/[...missing]
 * instead, which shows the signed-in header; this one is the last resort.
 */
export default function NotFound() {
  return (
    <SiteFrame viewer={null}>
      <NotFoundContent />
    </SiteFrame>
  );
}
