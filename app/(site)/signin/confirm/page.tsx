import type { Metadata } from "next";
import { LinkProblem } from "@/components/link-problem";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { inspectSignInLink } from "@/lib/auth/links";
import { siteUrl } from "@/lib/site";
import { OriginNotice } from "../origin-notice";

export const metadata: Metadata = { title: "Confirm sign-in" };
export const dynamic = "force-dynamic";

type Search = { token?: string; email?: string; callbackUrl?: string };

/**
 * Opening the emailed link lands here and changes nothing; only the button
 * (a plain GET form to Auth.js's callback) spends the one-time token. The form
 * goes to the configured origin (which the CSP's form-action allows), so the
 * session cookie and the redirect after it are on that one origin.
 */
export default async function ConfirmSignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { token = "", email = "", callbackUrl } = await searchParams;
  const state = await inspectSignInLink({ email, token });
  if (state !== "valid") return <LinkProblem reason={state === "expired" ? "expired" : "used"} />;

  const target = new URL(callbackUrl ?? "/", "http://convene.invalid");
  const next = safeCallbackPath(`${target.pathname}${target.search}`);
  return (
    <div className="grid-container usa-section">
      <h1>Finish signing in</h1>
      <OriginNotice path={`/signin/confirm?${new URLSearchParams({ token, email, ...(callbackUrl ? { callbackUrl } : {}) })}`} />
      <p className="usa-intro">
        Signing in as <strong>{email}</strong>.
      </p>
      <form method="get" action={siteUrl("/api/auth/callback/nodemailer")}>
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="callbackUrl" value={next} />
        <button type="submit" className="usa-button usa-button--big">
          Sign in
        </button>
      </form>
      <p className="margin-top-3">If you did not ask to sign in, close this page. Nothing happens until you select Sign in.</p>
    </div>
  );
}
