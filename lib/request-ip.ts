import "server-only";

/**
 * The client address for rate limits. Behind a load balancer the first
 * X-Forwarded-For entry is the client; Next's own server sets the header when
 * it talks to the client directly.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}
