import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db";
import { allowedDomains } from "@/db/schema";
import { checkEmailEligibility, type EligibilityRefusal } from "@/lib/members/eligibility";
import type { GovernmentLevel } from "@/lib/members/government-levels";
import { organizersEmail } from "@/lib/site";
import { lookupDotGov } from "./dotgov";

/** Who an address belongs to: its registered domain, the organization and the level of government. */
export type Affiliation = {
  /** The registered domain: the label before the top-level one (`name@sub.agency.gov` → `agency.gov`). */
  domain: string;
  organization: string | null;
  level: GovernmentLevel;
  /** Where the answer came from: an admin's entry, the .gov registry, the .mil rule, or a top-level domain the deployment allows. */
  source: "allowed" | "registry" | "mil" | "deployment";
};

export type MembershipCheck = { ok: true; email: string; affiliation: Affiliation } | { ok: false; reason: EligibilityRefusal; domain?: string };

export const DEFENSE_ORGANIZATION = "Department of Defense";

/** `name@sub.agency.gov` → `agency.gov`. Expects an address that passed checkEmailEligibility. */
export function registeredDomain(email: string): string {
  const domain = email.slice(email.lastIndexOf("@") + 1);
  return domain.split(".").slice(-2).join(".");
}

/**
 * The whole policy for who may join, on top of eligibility.ts's syntax checks (which it runs first,
 * unchanged, with the deployment's ALLOWED_EMAIL_DOMAINS):
 * 1. an admin-allowed domain (allowed_domains) gives its organization and level;
 * 2. any .mil address is federal, "Department of Defense" (.mil has no public registry);
 * 3. a .gov address must be in the shipped .gov registry, which gives the organization ("Organization
 *    name") and the level from its domain type; an unlisted .gov is refused. The suborganization is
 *    not used: it names the office that registered the domain ("Office of GSA IT" for every gsa.gov
 *    address), not the member's;
 * 4. another top-level domain the deployment allows (ALLOWED_EMAIL_DOMAINS=gov,mil,fed) is accepted
 *    as before, with no organization and level "other", unless an admin entry says more.
 */
export async function checkMembership(raw: string, allowedTopLevels: readonly string[], db?: Db | Tx): Promise<MembershipCheck> {
  const eligibility = checkEmailEligibility(raw, allowedTopLevels);
  if (!eligibility.ok) return eligibility;
  const email = eligibility.email;
  const domain = registeredDomain(email);
  const topLevel = domain.slice(domain.indexOf(".") + 1);

  const allowed = await findAllowedDomain(domain, db);
  if (allowed) return { ok: true, email, affiliation: { domain, organization: allowed.organization, level: allowed.level, source: "allowed" } };
  if (topLevel === "mil") return { ok: true, email, affiliation: { domain, organization: DEFENSE_ORGANIZATION, level: "federal", source: "mil" } };
  if (topLevel === "gov") {
    const entry = lookupDotGov(domain);
    if (!entry) return { ok: false, reason: "not_registered", domain };
    return { ok: true, email, affiliation: { domain, organization: entry.organization || null, level: entry.level, source: "registry" } };
  }
  return { ok: true, email, affiliation: { domain, organization: null, level: "other", source: "deployment" } };
}

async function findAllowedDomain(domain: string, db?: Db | Tx) {
  const handle = db ?? (await getDb());
  const [row] = await handle
    .select({ organization: allowedDomains.organization, level: allowedDomains.level })
    .from(allowedDomains)
    .where(eq(allowedDomains.domain, domain))
    .limit(1);
  return row;
}

/** What someone with an unlisted .gov address is told: which domain, why, and whom to ask. */
export function notRegisteredMessage(domain: string): string {
  return (
    `${domain} is not in the official .gov registry that Convene checks addresses against, so we can't tell which government it belongs to. ` +
    `If it is your organization's address, write to the community organizers at ${organizersEmail()} and ask them to add ${domain}.`
  );
}
