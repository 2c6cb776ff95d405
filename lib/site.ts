import "server-only";
import { getEnv } from "@/lib/env";

export const COMMUNITY_NAME = "Social Media Community of Practice";

/** Absolute links in emails and calendar files need the public origin, not the request's. */
export function siteUrl(path = "/"): string {
  const base = getEnv().AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  return new URL(path, base).toString();
}
