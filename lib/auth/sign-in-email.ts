import "server-only";
import { getDb } from "@/db";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { enqueueMail, kickMailDeliverer } from "@/lib/mail";
import { siteOrigin } from "@/lib/site";
import { formatShortStart } from "@/lib/time";
import { keepSignInLink } from "./link-requests";

const COMMUNITY = "Social Media Community of Practice";

/**
 * The link in the email opens a confirmation page, not Auth.js's callback: mail
 * scanners (Safe Links and the like) open every link, and only the button on
 * that page spends the one-time token. Its origin is the configured one (lib/site.ts),
 * never the one Auth.js saw the request on: a forged Host must not reach a member's inbox.
 */
export function confirmationUrl(callbackUrl: string): string {
  const callback = new URL(callbackUrl).searchParams;
  const confirm = new URL("/signin/confirm", siteOrigin());
  // Only the token, the address and where to go next (as a path on this site) travel on.
  confirm.searchParams.set("token", callback.get("token") ?? "");
  confirm.searchParams.set("email", callback.get("email") ?? "");
  const next = new URL(callback.get("callbackUrl") ?? "/", "http://convene.invalid");
  confirm.searchParams.set("callbackUrl", safeCallbackPath(`${next.pathname}${next.search}`));
  return confirm.toString();
}

export function signInEmail({ to, url, expires }: { to: string; url: string; expires: Date }) {
  const link = confirmationUrl(url);
  const expiresAt = formatShortStart(expires, "America/New_York");
  const text = [
    `Sign in to the ${COMMUNITY}`,
    "",
    "Open this link and select the Sign in button to finish signing in:",
    link,
    "",
    `The link works once and expires in 10 minutes (${expiresAt}).`,
    "",
    "If you did not ask to sign in, you can ignore this email. Nobody can sign in without this link.",
    "",
    `${COMMUNITY}, run by GSA's Technology Transformation Services.`,
  ].join("\n");
  return { to, subject: `Your sign-in link for the ${COMMUNITY}`, text, kind: "sign_in" };
}

/** Mails a freshly minted link and keeps it (sealed), so a repeat request re-sends it rather than minting another. */
export async function queueSignInEmail(params: { to: string; url: string; expires: Date }) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    await enqueueMail(tx, signInEmail(params));
    await keepSignInLink(tx, params);
  });
  kickMailDeliverer();
}
