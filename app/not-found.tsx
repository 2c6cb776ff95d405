import { NotFoundContent } from "@/components/not-found-content";
import { SiteFrame } from "@/app/_components/site-frame";

/**
 * Next renders this with every page as the root boundary, cached pages too, so it
 * must not read the session. It answers an unknown event in the cached visitor
 * tree, where there is no session anyway. Unknown addresses reach
 * app/(site)/[...missing] instead: that 404 shows the signed-in header and, being
 * rendered per request, carries the CSP nonce this prerendered page could not.
 */
export default function NotFound() {
  return (
    <SiteFrame viewer={null}>
      <NotFoundContent />
    </SiteFrame>
  );
}
