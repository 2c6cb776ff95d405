import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db";
import { signInLinks } from "@/db/schema";
import { purposeKey } from "@/lib/auth-secret";
import { inspectSignInLink } from "@/lib/auth/links";
import { getEnv } from "@/lib/env";
import { metrics } from "@/lib/metrics";
import { enqueueMail, kickMailDeliverer } from "@/lib/mail";
import type { EligibilityRefusal } from "@/lib/members/eligibility";
import { checkMembership } from "@/lib/registry/membership";
import { consumeRateLimits } from "@/lib/rate-limit";
import { signInEmail } from "./sign-in-email";

export const LINKS_PER_IP = 30;
export const LINK_WINDOW_MS = 15 * 60 * 1000;
/** How often one still-valid link is mailed again; each link works 10 minutes, so others can cause at most 1 + this many messages per 10 minutes. */
export const RESENDS_PER_LINK = 2;

export type LinkRequestDecision =
  /** No working link is out: mint one (Auth.js), which queueSignInEmail mails and keeps. */
  | { status: "send"; email: string }
  /** A working link is out and was mailed again. */
  | { status: "resent"; email: string }
  /** A working link is out and was re-sent enough: nothing is mailed; the links in the mailbox still work. */
  | { status: "quiet"; email: string }
  /**
   * The address is not one that may sign in; the reason is for metrics, the person is told which addresses are
   * (or, for a .gov domain the registry lacks, which domain and whom to ask: `domain`).
   */
  | { status: "refused"; reason: EligibilityRefusal; domain?: string }
  | { status: "rate_limited"; retryAt: Date };

/**
 * Everything that must be true before a sign-in link is mailed: an eligible address and
 * room under the per-IP limit. Refused addresses are not counted, so nobody can exhaust
 * someone else's limit with a typo.
 *
 * There is no count per address, because anyone can make requests for any address: a
 * count would let them lock that member out. Instead an address has at most one link out
 * at a time. While it still works (unused, unexpired), another request mails that same
 * link again, at most RESENDS_PER_LINK times, then quietly nothing; a new link is minted
 * only when the last one was used or has expired. So the member can always get a working
 * link, and a stranger can cause at most 1 + RESENDS_PER_LINK messages per link lifetime.
 * Every outcome but "refused" looks the same to the requester ("check your email").
 */
export async function decideLinkRequest(request: Parameters<typeof decide>[0]): Promise<LinkRequestDecision> {
  const decision = await decide(request);
  metrics().signInLinkRequests.inc({ outcome: decision.status, reason: decision.status === "refused" ? decision.reason : "" });
  return decision;
}

async function decide({
  email,
  ip,
  redirectTo,
  now = new Date(),
}: {
  email: string;
  ip: string;
  /** Where this requester wants to land (a path on this site); a re-sent link carries it, not the first requester's. */
  redirectTo?: string;
  now?: Date;
}): Promise<LinkRequestDecision> {
  const eligibility = await checkMembership(email, getEnv().ALLOWED_EMAIL_DOMAINS);
  if (!eligibility.ok) return { status: "refused", reason: eligibility.reason, ...(eligibility.domain ? { domain: eligibility.domain } : {}) };
  const address = eligibility.email;
  const limit = await consumeRateLimits([{ bucket: `sign-in-link:ip:${ip}`, limit: LINKS_PER_IP, windowMs: LINK_WINDOW_MS }], now);
  if (!limit.allowed) return { status: "rate_limited", retryAt: limit.retryAt };

  const db = await getDb();
  const [pending] = await db.select().from(signInLinks).where(eq(signInLinks.identifier, address)).limit(1);
  const url = pending && pending.expires > now ? unseal(pending.sealedUrl, address) : null;
  if (!pending || !url || !(await stillWorks(address, url, now))) {
    if (pending) await db.delete(signInLinks).where(eq(signInLinks.identifier, address));
    return { status: "send", email: address };
  }
  // Counted and mailed in one transaction; the condition on `resends` makes two racing requests share the budget.
  const resent = await db.transaction(async (tx) => {
    const [counted] = await tx
      .update(signInLinks)
      .set({ resends: sql`${signInLinks.resends} + 1` })
      .where(and(eq(signInLinks.identifier, address), lt(signInLinks.resends, RESENDS_PER_LINK)))
      .returning({ resends: signInLinks.resends });
    if (!counted) return false;
    await enqueueMail(tx, signInEmail({ to: address, url: withCallback(url, redirectTo), expires: pending.expires }));
    return true;
  });
  if (!resent) return { status: "quiet", email: address };
  kickMailDeliverer();
  return { status: "resent", email: address };
}

/** Auth.js checks only the token and email; callbackUrl is where to go after, so each mail can name its own. */
function withCallback(url: string, redirectTo: string | undefined): string {
  if (!redirectTo) return url;
  const link = new URL(url);
  link.searchParams.set("callbackUrl", new URL(redirectTo, link.origin).toString());
  return link.toString();
}

/** Auth.js keeps only a hash of the token; the row is still there exactly while the link is unused. */
async function stillWorks(address: string, url: string, now: Date): Promise<boolean> {
  const token = new URL(url).searchParams.get("token") ?? "";
  return (await inspectSignInLink({ email: address, token, now })) === "valid";
}

/** Called with each freshly minted link, in the transaction that queues its mail: it becomes the one to re-send. */
export async function keepSignInLink(tx: Tx | Db, { to, url, expires }: { to: string; url: string; expires: Date }) {
  const sealedUrl = seal(url, to);
  await tx
    .insert(signInLinks)
    .values({ identifier: to, sealedUrl, expires })
    .onConflictDoUpdate({ target: signInLinks.identifier, set: { sealedUrl, expires, resends: 0, createdAt: new Date() } });
}

/** For the scheduler's tick: expired links are worthless, and their sealed tokens need not be kept. */
export async function sweepSignInLinks(now = new Date()) {
  const db = await getDb();
  await db.delete(signInLinks).where(lt(signInLinks.expires, now));
}

// AES-256-GCM with the address as associated data, so a sealed link cannot be moved to another address's row.
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function seal(plain: string, address: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", purposeKey("sign-in-link"), iv);
  cipher.setAAD(Buffer.from(address));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** Null when the seal does not open (another AUTH_SECRET, another address, tampering): the link is then treated as gone. */
export function unseal(sealed: string, address: string): string | null {
  try {
    const raw = Buffer.from(sealed, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", purposeKey("sign-in-link"), raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(address));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
