import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv, type Env } from "@/lib/env";

/**
 * Development needs no setup: a random secret is made once and kept under the
 * data directory, so sessions survive restarts. Production must set AUTH_SECRET
 * (lib/env.ts refuses to start without it).
 */
export function ensureAuthSecret(env: Env) {
  if (env.AUTH_SECRET || env.NODE_ENV === "production") return;
  const file = path.resolve(env.DATA_DIR, "auth-secret");
  let secret: string;
  try {
    secret = fs.readFileSync(file, "utf8").trim();
  } catch {
    secret = randomBytes(32).toString("base64url");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, secret, { mode: 0o600 });
  }
  process.env.AUTH_SECRET = secret;
}

/**
 * A key of its own for each purpose, derived from AUTH_SECRET, so a signature made for
 * one purpose (an unsubscribe link, say) can never stand in for another (a calendar
 * reply address). Rotating AUTH_SECRET invalidates every one of them.
 */
export function purposeKey(purpose: string): Buffer {
  const env = getEnv();
  ensureAuthSecret(env);
  const secret = env.AUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) throw new Error(`AUTH_SECRET is not set, so ${purpose} tokens cannot be signed`);
  return createHmac("sha256", secret).update(`convene:${purpose}`).digest();
}
