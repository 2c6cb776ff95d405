import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/viewer";
import { safeCallbackPath } from "@/lib/auth/callback-url";
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
          <p className="usa-intro">
            We&rsquo;ll email you a link to sign in. There is no password. New members join in the same way.
          </p>
          <p>
            The community is open to government employees and contractors with an official .gov or .mil email address.
          </p>
          <SignInForm callbackUrl={callbackUrl} />
        </div>
      </div>
    </div>
  );
}
