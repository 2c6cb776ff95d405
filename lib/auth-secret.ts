import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Env } from "@/lib/env";

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
