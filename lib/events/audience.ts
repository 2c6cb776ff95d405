import { GOVERNMENT_LEVEL_LABELS, GOVERNMENT_LEVELS, type GovernmentLevel } from "@/lib/members/government-levels";

/**
 * Who an event is for (registry): levels of government and/or registered domains. Both empty: every
 * member. Otherwise a member may RSVP when their level is one of the levels OR their address is at one
 * of the domains (a subdomain counts: pat@sub.gsa.gov is at gsa.gov). Pure, so the RSVP transaction,
 * the event page and the event form's preview all say the same.
 */
export type Audience = { audienceLevels: readonly GovernmentLevel[]; audienceDomains: readonly string[] };

export type AudienceMember = { email: string; governmentLevel: GovernmentLevel | null };

/** How the levels read in a sentence: "Open to federal and tribal government employees". */
const LEVEL_WORDS: Record<GovernmentLevel, string> = {
  federal: "federal",
  state: "state or territory",
  local: "local",
  tribal: "tribal",
  other: "other public-sector",
};

export function isLimited(audience: Audience): boolean {
  return audience.audienceLevels.length > 0 || audience.audienceDomains.length > 0;
}

/** `pat@sub.gsa.gov` is at `gsa.gov` and at `sub.gsa.gov`, never at `sa.gov`. */
export function emailIsAtDomain(email: string, domain: string): boolean {
  const host = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  const wanted = domain.toLowerCase();
  return host === wanted || host.endsWith(`.${wanted}`);
}

export function admits(audience: Audience, member: AudienceMember): boolean {
  if (!isLimited(audience)) return true;
  if (member.governmentLevel && audience.audienceLevels.includes(member.governmentLevel)) return true;
  return audience.audienceDomains.some((domain) => emailIsAtDomain(member.email, domain));
}

const list = (items: string[], type: "conjunction" | "disjunction" = "conjunction") => new Intl.ListFormat("en", { style: "long", type }).format(items);

/** "Open to federal employees", "Open to state or territory employees and to members at gsa.gov"; null when open to all. */
export function describeAudience(audience: Audience): string | null {
  if (!isLimited(audience)) return null;
  // In the vocabulary's order, whatever order they were saved in.
  const levels = GOVERNMENT_LEVELS.filter((level) => audience.audienceLevels.includes(level));
  const parts: string[] = [];
  if (levels.length > 0)
    parts.push(`${list(levels.map((level) => LEVEL_WORDS[level]))} government employees`.replace("federal government employees", "federal employees"));
  if (audience.audienceDomains.length > 0) parts.push(`members at ${list([...audience.audienceDomains], "disjunction")}`);
  return `Open to ${parts.join(" and to ")}`;
}

/**
 * Why this member may not RSVP, or null when they may. A member whose level is not known (an account
 * older than the registry) is told to sign in again, which sets it, or to ask the organizers.
 */
export function audienceRefusal(audience: Audience, member: AudienceMember, organizersEmail: string): string | null {
  if (admits(audience, member)) return null;
  const who = describeAudience(audience)!.replace(/^Open to /, "");
  if (!member.governmentLevel) {
    return (
      `This event is only for ${who}. We don't know your level of government yet: sign out and sign in again to have it set from your address, ` +
      `or write to the organizers at ${organizersEmail}.`
    );
  }
  return (
    `This event is only for ${who}, so you can't RSVP: your address is recorded as ${GOVERNMENT_LEVEL_LABELS[member.governmentLevel].option.toLowerCase()}. ` +
    `If that is wrong, write to the organizers at ${organizersEmail}.`
  );
}
