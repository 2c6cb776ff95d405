import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { getViewer } from "@/lib/auth/viewer";
import { getOwnProfile } from "@/lib/members/profile";
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
            Welcome! Tell us a little about yourself. Your name, agency and job title are shown to other members only if
            you choose to be listed in the member directory.
          </p>
          <p>
            Signed in as <strong>{profile.email}</strong>.
          </p>
          <JoinForm
            next={next}
            defaults={{ name: profile.name, agency: profile.agency, jobTitle: profile.jobTitle, timeZone: profile.timeZone }}
          />
        </div>
      </div>
    </div>
  );
}
