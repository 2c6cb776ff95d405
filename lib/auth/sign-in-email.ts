import "server-only";
import { getDb } from "@/db";
import { enqueueMail, kickMailDeliverer } from "@/lib/mail";
import { formatShortStart } from "@/lib/time";
import { keepSignInLink } from "./link-requests";

const COMMUNITY = "Social Media Community of Practice";

/**
 * The link in the email opens a confirmation page, not Auth.js's callback: mail
 * scanners (Safe Links and the like) open every link, and only the button on
 * that page spends the one-time token.
 */
export function confirmationUrl(callbackUrl: string): string {
  const callback = new URL(callbackUrl);
  const confirm = new URL("/signin/confirm", callback.origin);
  confirm.search = callback.search;
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
