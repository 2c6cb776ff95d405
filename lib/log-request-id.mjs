// Plain JavaScript: scripts/peer-address.mjs (loaded before any compiler) and proxy.ts share this rule.
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

/** Letters, digits and . _ : - only, 8 to 128 of them: safe in a log line, a header and a URL. */
export const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

/**
 * The id for a request. One that arrived is kept only from a proxy we trust
 * (TRUSTED_PROXY_HOPS > 0, the same trust X-Forwarded-For gets) and only when it is
 * safe; otherwise a client could plant ids (or text) in our logs, so we make one.
 */
export function chooseRequestId(incoming, trustedProxyHops) {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  if (trustedProxyHops > 0 && typeof value === "string" && SAFE_REQUEST_ID.test(value)) return value;
  return randomUUID();
}

/** TRUSTED_PROXY_HOPS as lib/env.ts reads it; anything unparsable trusts nobody. */
export function trustedProxyHops(value) {
  const hops = Number.parseInt(value ?? "", 10);
  return Number.isInteger(hops) && hops > 0 ? hops : 0;
}
