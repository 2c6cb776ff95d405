import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/viewer";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getEnv } from "@/lib/env";
import { signInWithLoginGov } from "./actions";
import { OriginNotice } from "./origin-notice";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await getViewer()) redirect(callbackUrl);
  return (
    <div className="grid-container usa-section">
      <div className="grid-row">
        <div className="tablet:grid-col-8 desktop:grid-col-6">
          <h1>Sign in or join</h1>
          <OriginNotice path={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`} />
          <p className="usa-intro">We&rsquo;ll email you a link to sign in. There is no password. New members join in the same way.</p>
          <p>The community is open to government employees and contractors with an official .gov or .mil email address.</p>
          <SignInForm callbackUrl={callbackUrl} />
          {getEnv().LOGIN_GOV_ISSUER ? (
            <section aria-labelledby="login-gov-heading" className="margin-top-5 border-top border-base-lighter padding-top-3">
              <h2 id="login-gov-heading" className="font-heading-md">
                Or use Login.gov
              </h2>
              <p>If your Login.gov account uses your .gov or .mil email, you can sign in with it.</p>
              <form action={signInWithLoginGov}>
                <input type="hidden" name="callbackUrl" value={callbackUrl} />
                <button type="submit" className="usa-button usa-button--outline">
                  Sign in with Login.gov
                </button>
              </form>
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
