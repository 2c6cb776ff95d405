import type { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { LOGIN_GOV_PROVIDER_ID, LOGIN_GOV_SESSION_COOKIE } from "@/lib/auth/login-gov";
import { siteOrigin } from "@/lib/site";

/**
 * A Login.gov sign-in that made a session also marks the browser, so signing out
 * (app/sign-out-action.ts) knows to end the Login.gov session as well; any other
 * sign-in clears the mark.
 */
export async function GET(request: NextRequest) {
  const response = await handlers.GET(request);
  if (request.nextUrl.pathname.includes("/callback/") && setsSessionCookie(response)) {
    const viaLoginGov = request.nextUrl.pathname.endsWith(`/callback/${LOGIN_GOV_PROVIDER_ID}`);
    const secure = siteOrigin().startsWith("https://") ? "; Secure" : "";
    response.headers.append(
      "Set-Cookie",
      `${LOGIN_GOV_SESSION_COOKIE}=1; Path=/; HttpOnly; SameSite=Lax; Max-Age=${viaLoginGov ? 30 * 24 * 60 * 60 : 0}${secure}`,
    );
  }
  return response;
}

function setsSessionCookie(response: Response): boolean {
  return response.headers.getSetCookie().some((cookie) => /^(__Secure-)?authjs\.session-token=[^;]+/.test(cookie));
}

/**
 * Link requests must come through the sign-in page's action, which applies the
 * eligibility message and the rate limits; Auth.js's own POST endpoint for the
 * email provider would skip both, so it answers 404. Sign-out and OAuth stay.
 */
export async function POST(request: NextRequest) {
  if (request.nextUrl.pathname.endsWith("/signin/nodemailer")) {
    return Response.json({ error: "Request a sign-in link from /signin" }, { status: 404 });
  }
  return handlers.POST(request);
}
