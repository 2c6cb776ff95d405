import { perRequestUrl } from "@/lib/personal-answer";
import { visitorViewOf } from "@/lib/visitor-pages";

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The cached signed-in pages fill in the member's parts with script. A browser that does not run it
 * (script turned off after the cookie that brought it here was set) is sent on at once to the
 * per-request page, which needs none, with a link as well. Written as raw markup so React neither
 * runs nor hoists the refresh out of <noscript>: outside it, it would send every browser away.
 */
export function NoScriptFallback({ segments }: { segments: string[] }) {
  const view = visitorViewOf(segments);
  if (!view) return null;
  const path = view.kind === "home" ? "/" : view.kind === "event" ? `/events/${view.slug}` : `/${view.kind}`;
  const target = escapeHtml(perRequestUrl(path));
  return (
    <noscript
      dangerouslySetInnerHTML={{
        __html: `<meta http-equiv="refresh" content="0;url=${target}"><div class="grid-container margin-top-2"><a class="usa-link" href="${target}">Show this page for your account</a></div>`,
      }}
    />
  );
}
