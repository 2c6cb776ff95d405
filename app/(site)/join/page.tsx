import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getViewer } from "@/lib/auth/viewer";
import { getOwnProfile } from "@/lib/members/profile";
import { DeleteAccountForm } from "../account/delete-account-form";
import { SignOutEverywhere } from "../account/sign-out-everywhere";
import { JoinForm } from "./join-form";

export const metadata: Metadata = { title: "Join the community" };

export default async function JoinPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeCallbackPath((await searchParams).next);
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(next)}`);
  if (viewer.hasJoined) redirect(next);
  const profile = await getOwnProfile(viewer);
  return (
    <div className="grid-container usa-section">
      <div className="grid-row">
        <div className="tablet:grid-col-8">
          <h1>Join the community</h1>
          <p className="usa-intro">
            Welcome! Tell us a little about yourself. Your name, agency and job title are shown to other members only if you choose to be listed in the member
            directory.
          </p>
          <p>
            Signed in as <strong>{profile.email}</strong>.
          </p>
          <JoinForm next={next} defaults={{ name: profile.name, agency: profile.agency, jobTitle: profile.jobTitle, timeZone: profile.timeZone }} />

          {/* Before joining, /account is out of reach; what anyone may do with their own sign-in is here instead. */}
          <section aria-labelledby="leave-heading" className="margin-top-6">
            <h2 id="leave-heading">Not joining after all?</h2>
            <SignOutEverywhere />
            <h3 className="margin-top-4">Delete your account</h3>
            <p>This removes the account your sign-in created. It can&rsquo;t be undone.</p>
            <DeleteAccountForm />
          </section>
        </div>
      </div>
    </div>
  );
}
