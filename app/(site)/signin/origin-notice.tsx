import { headers } from "next/headers";
import { siteOrigin } from "@/lib/site";

/**
 * Sign-in cookies belong to one origin, and links, Auth.js's redirects and the CSP all
 * use the configured one. Opened at another address (127.0.0.1 for localhost, say),
 * sign-in would end on the other one or be blocked without a word, so say so here.
 */
export async function OriginNotice({ path }: { path: string }) {
  const requestHeaders = await headers();
  const requestHost = (requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host"))?.split(",")[0]?.trim();
  const configured = new URL(siteOrigin());
  if (!requestHost || requestHost.toLowerCase() === configured.host) return null;
  const target = new URL(path, configured).toString();
  return (
    <div className="usa-alert usa-alert--warning margin-bottom-3" role="alert" data-testid="origin-notice">
      <div className="usa-alert__body">
        <h2 className="usa-alert__heading">Open this page at {configured.origin}</h2>
        <p className="usa-alert__text">
          You opened this site at {requestHost}, but its address is {configured.host} (set by AUTH_URL; in development without it, localhost). Sign-in links and
          sign-in cookies work only there: <a href={target}>continue at {target}</a>.
        </p>
      </div>
    </div>
  );
}
