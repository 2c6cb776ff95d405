import { NextResponse, type NextRequest } from "next/server";
import { unsubscribeWithToken } from "@/lib/notifications/preferences";

type Context = { params: Promise<{ token: string }> };

/**
 * RFC 8058 one-click unsubscribe. POST /unsubscribe/TOKEN arrives here through proxy.ts,
 * from a mail provider's servers or from the button on the unsubscribe page. The token
 * is the authorization, so there is deliberately no session or Origin check: the
 * provider's request is cross-site by design.
 */
export async function POST(request: NextRequest, { params }: Context) {
  const { token } = await params;
  let oneClick = false;
  try {
    oneClick = (await request.formData()).get("List-Unsubscribe") === "One-Click";
  } catch {
    // Not a form body: refused below.
  }
  if (!oneClick) return text(400, "Expected the body List-Unsubscribe=One-Click.");
  const done = await unsubscribeWithToken(token);
  if (!done) return text(404, "This unsubscribe link is not valid. Nothing was changed.");
  // A person pressed the button: show them the page, which now says they are unsubscribed.
  if (request.headers.get("accept")?.includes("text/html")) {
    return NextResponse.redirect(new URL(`/unsubscribe/${encodeURIComponent(token)}`, request.url), 303);
  }
  return text(200, `Unsubscribed: you won't get ${done.label} any more.`);
}

function text(status: number, body: string) {
  return new NextResponse(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}
