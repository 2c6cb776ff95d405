import { GOVERNMENT_LEVEL_LABELS, type GovernmentLevel } from "@/lib/members/government-levels";

/** A member's organization and level of government from the .gov registry, or nothing when not yet known. */
export function MemberOrganization({ organization, level, className }: { organization: string | null; level: GovernmentLevel | null; className?: string }) {
  if (!organization && !level) return null;
  return (
    <span className={className}>
      {organization}
      {organization && level ? " · " : null}
      {level ? GOVERNMENT_LEVEL_LABELS[level].tag : null}
    </span>
  );
}
