import "server-only";
import type { EmailConfig } from "next-auth/providers";
import type { Env } from "@/lib/env";
import { checkEmailEligibility } from "@/lib/members/eligibility";
import { queueSignInEmail } from "./sign-in-email";

/** How long a sign-in link works; it also works only once (Auth.js deletes the token when used). */
export const SIGN_IN_LINK_MINUTES = 10;

/**
 * A plain Auth.js email provider: the link goes into the outbox (lib/mail), which
 * delivers it with the app's own nodemailer. next-auth's Nodemailer provider would
 * pin nodemailer to 7 or 8, which have high advisories (fixed in 9.1.0).
 * The id stays "nodemailer" so existing accounts rows, links already mailed and the
 * callback URL /api/auth/callback/nodemailer keep working.
 */
export function emailLinkProvider(env: Env): EmailConfig {
  return {
    id: "nodemailer",
    type: "email",
    name: "Email",
    from: env.MAIL_FROM,
    maxAge: SIGN_IN_LINK_MINUTES * 60,
    normalizeIdentifier(identifier) {
      const result = checkEmailEligibility(identifier, env.ALLOWED_EMAIL_DOMAINS);
      if (!result.ok) throw new Error(`Refused sign-in address (${result.reason})`);
      return result.email;
    },
    sendVerificationRequest: ({ identifier, url, expires }) => queueSignInEmail({ to: identifier, url, expires }),
  };
}
