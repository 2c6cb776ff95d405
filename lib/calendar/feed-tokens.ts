import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { feedTokens, revokedFeedTokens, users } from "@/db/schema";
import { assertMember } from "@/lib/auth/assert";
import { siteUrl } from "@/lib/site";
import type { Viewer } from "@/lib/viewer";

export type FeedStatus = { enabled: boolean; createdAt: Date | null };

const TOKEN_BYTES = 32;
// base64url of 32 bytes, unpadded: anything else cannot be a token, so it never reaches the database.
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** Only this hash is stored; the raw token lives in the member's calendar app alone. */
export function hashFeedToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function personalFeedUrl(token: string): string {
  return siteUrl(`/calendar/feed/${token}.ics`);
}

export async function getFeedStatus(viewer: Viewer | null): Promise<FeedStatus> {
  assertMember(viewer);
  const db = await getDb();
  const [row] = await db.select({ createdAt: feedTokens.createdAt }).from(feedTokens).where(eq(feedTokens.userId, viewer.id)).limit(1);
  return { enabled: Boolean(row), createdAt: row?.createdAt ?? null };
}

/**
 * Makes a new feed link and returns its token, the only time it is ever visible.
 * Whatever link the member had before stops working in the same statement.
 */
export async function rotateFeedToken(viewer: Viewer | null, now = new Date()): Promise<string> {
  assertMember(viewer);
  const token = randomBytes(TOKEN_BYTES).toString("base64url");
  const tokenHash = hashFeedToken(token);
  const db = await getDb();
  await db
    .insert(feedTokens)
    .values({ userId: viewer.id, tokenHash, createdAt: now })
    .onConflictDoUpdate({ target: feedTokens.userId, set: { tokenHash, createdAt: now } });
  return token;
}

/** Turns the feed off; returns whether there was one. */
export async function revokeFeedToken(viewer: Viewer | null): Promise<boolean> {
  assertMember(viewer);
  const db = await getDb();
  const deleted = await db.delete(feedTokens).where(eq(feedTokens.userId, viewer.id)).returning({ id: feedTokens.id });
  return deleted.length > 0;
}

export type FeedOwner = { id: string; email: string; name: string | null };

/**
 * Whom a feed URL belongs to: the member, "revoked" for a link that was replaced or
 * turned off (or whose account is deleted or disabled), or null for one that never
 * existed or is malformed.
 */
export async function findFeedOwner(token: string): Promise<FeedOwner | "revoked" | null> {
  if (!tokenPattern.test(token)) return null;
  const tokenHash = hashFeedToken(token);
  const db = await getDb();
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, disabledAt: users.disabledAt })
    .from(feedTokens)
    .innerJoin(users, eq(users.id, feedTokens.userId))
    .where(eq(feedTokens.tokenHash, tokenHash))
    .limit(1);
  if (row) return row.disabledAt ? "revoked" : { id: row.id, email: row.email, name: row.name };
  // Filled by a trigger on feed_tokens (migration 0005), whichever way a link went away.
  const [revoked] = await db.select({ tokenHash: revokedFeedTokens.tokenHash }).from(revokedFeedTokens).where(eq(revokedFeedTokens.tokenHash, tokenHash));
  return revoked ? "revoked" : null;
}

/** The member a feed URL belongs to, or null for a token that is malformed, replaced, revoked or whose account is disabled. */
export async function findUserByFeedToken(token: string): Promise<FeedOwner | null> {
  const owner = await findFeedOwner(token);
  return owner === "revoked" ? null : owner;
}
