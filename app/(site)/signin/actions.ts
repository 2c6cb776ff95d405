"use server";

import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { signIn } from "@/auth";
import { formAction } from "@/lib/actions/form-action";
import type { ActionState } from "@/lib/actions/state";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { decideLinkRequest } from "@/lib/auth/link-requests";
import { eligibilityMessage } from "@/lib/members/eligibility";
import { notRegisteredMessage } from "@/lib/registry/membership";
import { getEnv } from "@/lib/env";
import { clientIp } from "@/lib/request-ip";
import { formatShortStart } from "@/lib/time";

/** The shared state with the sign-in page's own outcomes, each shown differently; `email` is what was typed. */
export type SignInFormState = Omit<ActionState, "status"> & {
  status: "idle" | "invalid" | "refused" | "rate_limited" | "error";
  email?: string;
};

/** Where Auth.js sends a link request (pages.verifyRequest plus its query), so every outcome looks the same. */
const CHECK_EMAIL_PATH = "/signin/check-email?provider=nodemailer&type=email";

// Strict: a post carrying fields the form does not have is not from our form.
const ENTER_EMAIL = "Enter your government email address.";
const formSchema = z.strictObject({
  email: z.string({ error: ENTER_EMAIL }).trim().min(1, { error: ENTER_EMAIL }).max(320, { error: "That address is too long." }),
  callbackUrl: z.string().max(2000).optional(),
});

/** Mails a sign-in link when the address is eligible and under its limits; otherwise says why, and sends nothing. */
export const requestSignInLink = formAction<typeof formSchema, SignInFormState>(
  {
    schema: formSchema,
    // Asking for a link needs no session: skip the session lookup, so the link goes out as fast as before.
    viewer: async () => null,
    hidden: ["callbackUrl"],
    // The field's own problem is the message the page shows beside it; a tampered form says so.
    invalid: (state): SignInFormState => ({ status: "invalid", message: state.errors?.email?.[0] ?? state.message, email: state.values?.email }),
  },
  async ({ email, callbackUrl }): Promise<SignInFormState> => {
    const redirectTo = `/join?next=${encodeURIComponent(safeCallbackPath(callbackUrl))}`;
    const decision = await decideLinkRequest({ email, ip: clientIp(await headers()), redirectTo });
    if (decision.status === "refused") {
      const message = decision.domain ? notRegisteredMessage(decision.domain) : eligibilityMessage(getEnv().ALLOWED_EMAIL_DOMAINS);
      return { status: "refused", email, message };
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
      // Only the message: the mail transport's error can carry the whole SMTP conversation.
      console.error("Sign-in link request failed:", error instanceof Error ? error.message : error);
      return { status: "error", email, message: "We couldn't send a sign-in link just now. Please try again." };
    }
    return { status: "idle" };
  },
);

// Redirects to Login.gov at once, with nothing typed to check or answer; the same eligibility policy then runs in Auth.js's signIn callback.
export async function signInWithLoginGov(formData: FormData) {
  const next = safeCallbackPath(formData.get("callbackUrl"));
  await signIn("login-gov", { redirectTo: `/join?next=${encodeURIComponent(next)}` });
}
