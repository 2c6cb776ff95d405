import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { signInLinks, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { getEnv } from "@/lib/env";
import { normalizeEmail } from "@/lib/members/eligibility";
import { checkMembership } from "@/lib/registry/membership";

/**
 * Auth.js asks this twice for a link (when it is requested and when it is used)
 * and once for Login.gov. The eligibility policy runs every time; a disabled
 * member requesting a link gets the same "check your email" page as anyone, but no mail.
 */
export async function isSignInAllowed({
  email,
  isLinkRequest,
  allowedDomains,
}: {
  email: string | null | undefined;
  isLinkRequest: boolean;
  allowedDomains: readonly string[];
}): Promise<boolean | string> {
  if (!email) return false;
  const eligibility = await checkMembership(email, allowedDomains);
  // registry: a .gov domain the registry lacks is told which and whom to ask (Login.gov lands here with any address).
  if (!eligibility.ok) return eligibility.reason === "not_registered" ? "/signin/error?error=DomainNotRegistered" : false;
  const db = await getDb();
  const [existing] = await db.select({ disabledAt: users.disabledAt }).from(users).where(eq(users.email, eligibility.email)).limit(1);
  if (existing?.disabledAt) return isLinkRequest ? "/signin/check-email" : false;
  return true;
}

/** How a person signed in, as the audit log names it; Auth.js names providers by id. */
export type SignInMethod = "email_link" | "login_gov" | "other";

export function signInMethod(provider: string | null | undefined): SignInMethod {
  if (provider === "nodemailer") return "email_link";
  if (provider === "login-gov") return "login_gov";
  return "other";
}

/**
 * After every sign-in: an audit entry naming the method, the used link forgotten (so it is
 * never re-sent), the member's organization and level of government set from the registry
 * (so accounts older than the registry get theirs at their next sign-in, and a renamed agency
 * follows the registry), and ADMIN_EMAILS made admins, that change audited like any other.
 */
export async function onSignedIn({
  userId,
  email,
  provider,
  adminEmails,
}: {
  userId: string | undefined;
  email: string | null | undefined;
  provider?: string | null;
  adminEmails: readonly string[];
}) {
  if (!userId) return;
  const method = signInMethod(provider);
  const db = await getDb();
  await db.transaction(async (tx) => {
    await recordAudit(tx, { actorId: userId, action: "member.signed_in", targetType: "user", targetId: userId, detail: { method } });
    if (method === "email_link" && email) await tx.delete(signInLinks).where(eq(signInLinks.identifier, normalizeEmail(email)));
    const membership = email ? await checkMembership(email, getEnv().ALLOWED_EMAIL_DOMAINS, tx) : null;
    if (membership?.ok) {
      const { organization, level } = membership.affiliation;
      await tx.update(users).set({ organization, governmentLevel: level }).where(eq(users.id, userId));
    }
    if (!email || !adminEmails.includes(email.toLowerCase())) return;
    const [before] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).for("update");
    if (!before || before.role === "admin") return;
    await tx.update(users).set({ role: "admin" }).where(eq(users.id, userId));
    await recordAudit(tx, {
      actorId: null,
      action: "member.role_changed",
      targetType: "user",
      targetId: userId,
      detail: { from: before.role, to: "admin", reason: "ADMIN_EMAILS" },
    });
  });
}
