import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { verificationTokens } from "@/db/schema";

export type LinkState = "valid" | "expired" | "unknown";

/**
 * Looks at a sign-in link without spending it, so the confirmation page can say
 * up front that a link was already used or has expired. Auth.js stores
 * sha256(token + secret), so the same hash finds the row.
 */
export async function inspectSignInLink({ email, token, now = new Date() }: { email: string; token: string; now?: Date }): Promise<LinkState> {
  const secret = process.env.AUTH_SECRET;
  if (!secret || !token || !email) return "unknown";
  const hashed = createHash("sha256").update(`${token}${secret}`).digest("hex");
  const db = await getDb();
  const [row] = await db
    .select({ expires: verificationTokens.expires })
    .from(verificationTokens)
    .where(and(eq(verificationTokens.identifier, email), eq(verificationTokens.token, hashed)))
    .limit(1);
  if (!row) return "unknown";
  return row.expires <= now ? "expired" : "valid";
}
