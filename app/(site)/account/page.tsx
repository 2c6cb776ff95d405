import type { Metadata } from "next";
import Link from "next/link";
import { TextInput } from "@/components/forms";
import { MemberOrganization } from "@/components/member-organization";
import { requireMemberPage } from "@/lib/auth/guards";
import { getOwnProfile } from "@/lib/members/profile";
import { CalendarFeedSection } from "./calendar-feed/section";
import { DeleteAccountForm } from "./delete-account-form";
import { NotificationsSection } from "./notifications/section";
import { ProfileForm } from "./profile-form";
import { SignOutEverywhere } from "./sign-out-everywhere";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const viewer = await requireMemberPage("/account");
  const profile = await getOwnProfile(viewer);
  return (
    <div className="grid-container usa-section">
      <div className="grid-row">
        <div className="tablet:grid-col-8">
          <h1>Your account</h1>
          <p className="usa-intro">Update how you appear to other members and how we contact you.</p>
          <p>
            <Link href="/account/events" className="usa-link">
              My events
            </Link>
          </p>

          <section aria-labelledby="profile-heading" className="margin-top-5">
            <h2 id="profile-heading">Profile</h2>
            {/* No name: shown, never posted. */}
            <TextInput
              id="account-email"
              name=""
              type="email"
              label="Email address"
              hint={<>This is the address you sign in with. It can&rsquo;t be changed here.</>}
              optional="unmarked"
              readOnly
              defaultValue={profile.email}
            />
            {/* registry: shown, never posted; it follows the address, not anything the member types. */}
            <div className="margin-top-3" data-testid="account-organization">
              <p className="text-bold margin-bottom-0">Organization and level of government</p>
              <p className="margin-top-1">
                {profile.organization || profile.governmentLevel ? (
                  <MemberOrganization organization={profile.organization} level={profile.governmentLevel} />
                ) : (
                  "Not known yet. Sign out and sign in again to have it set from your address."
                )}
              </p>
              <p className="text-base font-body-2xs">
                From the official .gov registry for your address&rsquo;s domain (every .mil address is the Department of Defense), updated each time you sign
                in. Events can be limited to some levels of government.
              </p>
            </div>
            <ProfileForm
              defaults={{
                name: profile.name,
                agency: profile.agency,
                jobTitle: profile.jobTitle,
                timeZone: profile.timeZone,
                directoryOptIn: profile.directoryOptIn,
                inviteEmails: profile.inviteEmails,
              }}
            />
          </section>

          <NotificationsSection viewer={viewer} />

          <CalendarFeedSection viewer={viewer} />

          <section aria-labelledby="sessions-heading" className="margin-top-5">
            <h2 id="sessions-heading">Sign out of all devices</h2>
            <SignOutEverywhere />
          </section>

          <section aria-labelledby="delete-heading" className="margin-top-5">
            <h2 id="delete-heading">Delete your account</h2>
            <div className="usa-alert usa-alert--warning">
              <div className="usa-alert__body">
                <h3 className="usa-alert__heading">This can&rsquo;t be undone</h3>
                <p className="usa-alert__text">
                  Deleting your account removes your profile, your RSVPs and your calendar feed. Events and resources you created stay in place for the
                  community.
                </p>
              </div>
            </div>
            <DeleteAccountForm />
          </section>
        </div>
      </div>
    </div>
  );
}
