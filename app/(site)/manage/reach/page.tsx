import type { Metadata } from "next";
import { Breadcrumbs } from "@/components/breadcrumbs";
import { ReachSections } from "@/app/_components/reach-sections";
import { requireRolePage } from "@/lib/auth/guards";
import { getCommunityReach } from "@/lib/reach/dashboard";

export const metadata: Metadata = { title: "Community reach" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Who the community reaches, across every published event: organizers and admins (lib/reach/dashboard.ts decides). */
export default async function CommunityReachPage({ searchParams }: Props) {
  const viewer = await requireRolePage("/manage/reach", ["organizer", "admin"]);
  const { input, ...dashboard } = await getCommunityReach(viewer, await searchParams);
  return (
    <div className="grid-container usa-section">
      <Breadcrumbs trail={[{ href: "/manage/events", label: "Manage events" }]} current="Community reach" />
      <h1>Community reach</h1>
      <ReachSections dashboard={dashboard} input={input} action="/manage/reach" csvBase="/manage/reach/csv" />
    </div>
  );
}
