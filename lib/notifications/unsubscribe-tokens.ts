import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { purposeKey } from "@/lib/auth-secret";
import { siteUrl } from "@/lib/site";
import { hexToUuid, uuidToHex } from "@/lib/uuid-hex";
import { OPTIONAL_EMAIL_KINDS, type OptionalEmailKind } from "./kinds";

/**
 * Unsubscribe tokens are stateless: the member's id and the kind of email, signed with
 * an HMAC keyed from AUTH_SECRET. Nothing has to be stored for every email sent, the
 * database holds nothing that could be replayed if it leaked, and a token can do one
 * harmless thing only (turn one kind of email off), so not being able to revoke a
 * single token costs little. Rotating AUTH_SECRET invalidates them all.
 */
const VERSION = "u1";

function signingKey(): Buffer {
  return purposeKey("unsubscribe");
}

function sign(payload: string): Buffer {
  return createHmac("sha256", signingKey()).update(`${VERSION}.${payload}`).digest();
}

export function createUnsubscribeToken({ userId, kind }: { userId: string; kind: OptionalEmailKind }): string {
  const id = uuidToHex(userId);
  if (!id) throw new Error("createUnsubscribeToken: not a user id");
  const payload = Buffer.concat([Buffer.from(id, "hex"), Buffer.from([OPTIONAL_EMAIL_KINDS.indexOf(kind)])]).toString("base64url");
  return `${payload}.${sign(payload).toString("base64url")}`;
}

/** The member and kind a token names, or null for anything not signed by this server. */
export function readUnsubscribeToken(token: string): { userId: string; kind: OptionalEmailKind } | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature, "base64url");
  const expected = sign(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const bytes = Buffer.from(payload, "base64url");
  const kind = OPTIONAL_EMAIL_KINDS[bytes[16] ?? -1];
  if (bytes.length !== 17 || !kind) return null;
  return { userId: hexToUuid(bytes.subarray(0, 16).toString("hex")), kind };
}

export function unsubscribeUrl(params: { userId: string; kind: OptionalEmailKind }): string {
  return siteUrl(`/unsubscribe/${createUnsubscribeToken(params)}`);
}

/** RFC 2369 and RFC 8058 headers, so mail providers can offer one-click unsubscribe. */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}
