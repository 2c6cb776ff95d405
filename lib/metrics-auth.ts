import { createHash, timingSafeEqual } from "node:crypto";

export type MetricsAccess = "off" | "refused" | "allowed";

/**
 * Who may scrape /api/metrics: the holder of METRICS_TOKEN, sent as
 * `Authorization: Bearer <token>`. No token configured means the endpoint is off.
 * Both sides are hashed first so the comparison is constant-time whatever the lengths.
 */
export function metricsAccess(authorization: string | null, token: string | undefined): MetricsAccess {
  if (!token) return "off";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) return "refused";
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(match[1]!), digest(token)) ? "allowed" : "refused";
}
