import "server-only";
import { getEnv } from "@/lib/env";
import { checkEmailEligibility } from "@/lib/members/eligibility";
import { consumeRateLimits } from "@/lib/rate-limit";

export const LINKS_PER_ADDRESS = 5;
export const LINKS_PER_IP = 30;
export const LINK_WINDOW_MS = 15 * 60 * 1000;

export type LinkRequestDecision =
  | { status: "send"; email: string }
  | { status: "refused" }
  | { status: "rate_limited"; retryAt: Date };

/**
 * Everything that must be true before a sign-in link is mailed: an eligible
 * address and room under the per-address and per-IP limits. Refused addresses
 * are not counted, so nobody can exhaust someone else's limit with a typo.
 */
export async function decideLinkRequest({
  email,
  ip,
  now = new Date(),
}: {
  email: string;
  ip: string;
  now?: Date;
}): Promise<LinkRequestDecision> {
  const eligibility = checkEmailEligibility(email, getEnv().ALLOWED_EMAIL_DOMAINS);
  if (!eligibility.ok) return { status: "refused" };
  const limit = await consumeRateLimits(
    [
      { bucket: `sign-in-link:address:${eligibility.email}`, limit: LINKS_PER_ADDRESS, windowMs: LINK_WINDOW_MS },
      { bucket: `sign-in-link:ip:${ip}`, limit: LINKS_PER_IP, windowMs: LINK_WINDOW_MS },
    ],
    now,
  );
  if (!limit.allowed) return { status: "rate_limited", retryAt: limit.retryAt };
  return { status: "send", email: eligibility.email };
}
