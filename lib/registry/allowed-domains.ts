import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { allowedDomains, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { assertRole } from "@/lib/auth/assert";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { GovernmentLevel } from "@/lib/members/government-levels";
import type { Viewer } from "@/lib/viewer";
import type { AllowDomainInput } from "./allowed-domain-schema";
import { lookupDotGov } from "./dotgov";

export type AllowedDomainRow = {
  domain: string;
  organization: string;
  level: GovernmentLevel;
  reason: string;
  addedBy: string | null;
  createdAt: Date;
  /** The registry lists it too: the admin's entry then overrides the registry's organization and level. */
  inRegistry: boolean;
};

/** Every admin-allowed domain, with who added it. Admins only. */
export async function listAllowedDomains(viewer: Viewer | null): Promise<AllowedDomainRow[]> {
  assertRole(viewer, ["admin"]);
  const db = await getDb();
  const rows = await db
    .select({
      domain: allowedDomains.domain,
      organization: allowedDomains.organization,
      level: allowedDomains.level,
      reason: allowedDomains.reason,
      addedBy: users.email,
      createdAt: allowedDomains.createdAt,
    })
    .from(allowedDomains)
    .leftJoin(users, eq(users.id, allowedDomains.addedBy))
    .orderBy(asc(allowedDomains.domain));
  return rows.map((row) => ({ ...row, inRegistry: lookupDotGov(row.domain) !== undefined }));
}

/**
 * Lets a domain join beyond the registry, named and placed at a level. Its top-level domain must be one
 * the deployment accepts (ALLOWED_EMAIL_DOMAINS): an admin widens the registry, not the eligibility policy.
 */
export async function allowDomain(viewer: Viewer | null, input: AllowDomainInput, now = new Date()) {
  assertRole(viewer, ["admin"]);
  const topLevel = input.domain.slice(input.domain.lastIndexOf(".") + 1);
  const accepted = getEnv().ALLOWED_EMAIL_DOMAINS;
  if (!accepted.includes(topLevel)) {
    const message = `Only ${accepted.map((label) => `.${label}`).join(" and ")} domains can join this community.`;
    throw new AppError("invalid", message, { domain: [message] });
  }
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(allowedDomains)
      .values({ ...input, addedBy: viewer.id, createdAt: now })
      .onConflictDoNothing()
      .returning({ domain: allowedDomains.domain });
    if (!inserted) {
      const message = `${input.domain} is already allowed. Remove it first to change its organization or level.`;
      throw new AppError("conflict", message, { domain: [message] });
    }
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "registry.domain_allowed",
      targetType: "domain",
      targetId: input.domain,
      detail: { organization: input.organization, level: input.level, reason: input.reason },
    });
  });
}

/**
 * Takes a domain off the list. Members already signed in keep their sessions; at their next sign-in an
 * address the registry does not list is refused.
 */
export async function removeAllowedDomain(viewer: Viewer | null, { domain }: { domain: string }) {
  assertRole(viewer, ["admin"]);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [removed] = await tx.delete(allowedDomains).where(eq(allowedDomains.domain, domain)).returning();
    if (!removed) throw new AppError("not_found", `${domain} is not on the list.`);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: "registry.domain_removed",
      targetType: "domain",
      targetId: domain,
      detail: { organization: removed.organization, level: removed.level, reason: removed.reason },
    });
  });
}
