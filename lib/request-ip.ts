import "server-only";

/**
 * The client address for rate limits. A proxy appends the address it saw to
 * X-Forwarded-For, so the last entry is the one a client cannot choose; earlier
 * entries are whatever the client sent. Next's own server sets the header only when
 * it is absent, so a server exposed without a proxy lets clients pick their bucket:
 * deploy behind one (SECURITY.md). The per-address limit holds either way.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}
