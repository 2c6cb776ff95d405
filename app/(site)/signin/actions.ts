"use server";

import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { signIn } from "@/auth";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { decideLinkRequest } from "@/lib/auth/link-requests";
import { eligibilityMessage } from "@/lib/members/eligibility";
import { formFields } from "@/lib/members/profile-schema";
import { getEnv } from "@/lib/env";
import { clientIp } from "@/lib/request-ip";
import { formatShortStart } from "@/lib/time";

export type SignInFormState = {
  status: "idle" | "invalid" | "refused" | "rate_limited" | "error";
  message?: string;
  email?: string;
};

/** Where Auth.js sends a link request (pages.verifyRequest plus its query), so every outcome looks the same. */
const CHECK_EMAIL_PATH = "/signin/check-email?provider=nodemailer&type=email";

// Strict: a post carrying fields the form does not have is not from our form.
const formSchema = z.strictObject({
  email: z.string().trim().min(1, { error: "Enter your government email address." }).max(320, {
    error: "That address is too long.",
  }),
  callbackUrl: z.string().max(2000).optional(),
});

/** Mails a sign-in link when the address is eligible and under its limits; otherwise says why, and sends nothing. */
export async function requestSignInLink(_previous: SignInFormState, formData: FormData): Promise<SignInFormState> {
  const parsed = formSchema.safeParse({ email: "", ...formFields(formData) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue?.code === "unrecognized_keys" ? "The form sent fields it should not have. Reload the page and try again." : issue?.message;
    return { status: "invalid", message: message ?? "Enter your email address." };
  }
  const { email } = parsed.data;
  const redirectTo = `/join?next=${encodeURIComponent(safeCallbackPath(parsed.data.callbackUrl))}`;
  const decision = await decideLinkRequest({ email, ip: clientIp(await headers()), redirectTo });
  if (decision.status === "refused") {
    return { status: "refused", email, message: eligibilityMessage(getEnv().ALLOWED_EMAIL_DOMAINS) };
  }
  if (decision.status === "rate_limited") {
    return {
      status: "rate_limited",
      email,
      message: `Too many sign-in links were requested from your network. For your security, try again after ${formatShortStart(decision.retryAt, "America/New_York")}.`,
    };
  }
  // The link already out still works, and was mailed again (or often enough already): the same page Auth.js shows.
  if (decision.status === "resent" || decision.status === "quiet") redirect(CHECK_EMAIL_PATH);
  try {
    await signIn("nodemailer", { email: decision.email, redirectTo });
  } catch (error) {
    unstable_rethrow(error);
    console.error("Sign-in link request failed:", error instanceof Error ? error.message : error);
    return { status: "error", email, message: "We couldn't send a sign-in link just now. Please try again." };
  }
  return { status: "idle" };
}

/** Login.gov hands back an email; the same eligibility policy then runs in Auth.js's signIn callback. */
export async function signInWithLoginGov(formData: FormData) {
  const next = safeCallbackPath(formData.get("callbackUrl"));
  await signIn("login-gov", { redirectTo: `/join?next=${encodeURIComponent(next)}` });
}
