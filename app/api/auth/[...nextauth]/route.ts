import type { NextRequest } from "next/server";
import { handlers } from "@/auth";

export const { GET } = handlers;

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
