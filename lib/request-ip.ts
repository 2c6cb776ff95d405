import "server-only";
import ipaddr from "ipaddr.js";
import { getEnv } from "@/lib/env";

/**
 * The header `scripts/peer-address.mjs` (preloaded by `npm start`) writes on every request
 * from the TCP socket, replacing whatever the client sent under that name.
 */
export const PEER_ADDRESS_HEADER = "x-convene-peer-address";
const PRELOAD_FLAG = Symbol.for("convene.peer-address-preload");

/** True when this process runs with the preload, so PEER_ADDRESS_HEADER is the socket's and nobody else's. */
export function peerAddressPreloaded(): boolean {
  return (globalThis as Record<symbol, unknown>)[PRELOAD_FLAG] === true;
}

/**
 * The client address for rate limits. With `hops` = 0 (the default) no header a client
 * can write is trusted: the address is the socket's. Next's own server does not help
 * there: it fills X-Forwarded-For from the socket only when the request has none
 * (`??=` in next/dist/server/base-server.js), so a client sends one and picks its bucket.
 *
 * With `hops` = N, N proxies each append the address they saw, so the Nth entry from
 * the right was written by the outermost proxy we trust; anything left of it is the
 * client's own invention. A request with fewer entries did not pass through all N,
 * so it is counted by its socket address instead.
 *
 * Addresses are normalized (IPv4-mapped IPv6 is IPv4), and IPv6 is counted per /64:
 * one subscriber usually holds a whole /64, and rotating inside it must not buy a fresh bucket.
 */
export function clientIp(headers: Headers, hops: number = getEnv().TRUSTED_PROXY_HOPS): string {
  const peer = headers.get(PEER_ADDRESS_HEADER)?.trim() || null;
  let chosen = peer;
  if (hops > 0) {
    const entries = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (entries.length >= hops) chosen = entries[entries.length - hops]!;
  }
  return rateLimitKey(chosen);
}

/** One bucket per IPv4 address or IPv6 /64; anything unparsable shares the "unknown" bucket rather than getting its own. */
export function rateLimitKey(address: string | null): string {
  if (!address) return "unknown";
  // A proxy may write "[2001:db8::1]:443" or "192.0.2.1:443".
  const bare = address.replace(/^\[([^\]]+)\](?::\d+)?$/, "$1").replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  if (!ipaddr.isValid(bare)) return "unknown";
  const parsed = ipaddr.process(bare);
  if (parsed.kind() === "ipv4") return parsed.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toString()}/64`;
}
