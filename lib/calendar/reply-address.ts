import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { purposeKey } from "@/lib/auth-secret";
import { getEnv } from "@/lib/env";
import { hexToUuid, uuidToHex } from "@/lib/uuid-hex";

/**
 * The ORGANIZER address of a member's invite: `rsvp+<rsvp id><signature>@<reply domain>`.
 * A calendar's Accept or Decline is mailed there, and the inbound receiver
 * (lib/calendar/replies.ts) acts on it. The token names one RSVP (so one event and
 * one member) and is signed, so nobody can write a reply for someone else; it is
 * lowercase hex, because relays and mail clients may change the case of a local part,
 * and 61 characters, inside the 64 a local part may have.
 *
 * Revocation: a token is only honoured while its RSVP exists and its member may still
 * act (the receiver checks both); rotating AUTH_SECRET revokes every token at once.
 */
const PREFIX = "rsvp+";
const SIGNATURE_BYTES = 12;
const LOCAL_PART = /^rsvp\+([0-9a-f]{32})([0-9a-f]{24})$/;

function signature(rsvpHex: string): Buffer {
  return createHmac("sha256", purposeKey("calendar-reply")).update(`r1.${rsvpHex}`).digest().subarray(0, SIGNATURE_BYTES);
}

/** The domain replies are addressed to: MAIL_REPLY_DOMAIN, else the domain of MAIL_FROM. */
export function replyDomain(): string {
  const env = getEnv();
  if (env.MAIL_REPLY_DOMAIN) return env.MAIL_REPLY_DOMAIN;
  const address = env.MAIL_FROM.match(/<([^<>]+)>\s*$/)?.[1] ?? env.MAIL_FROM;
  const domain = address.split("@").at(-1)?.trim().toLowerCase();
  if (!domain) throw new Error("MAIL_FROM has no domain to receive calendar replies at; set MAIL_REPLY_DOMAIN");
  return domain;
}

export function replyAddress(rsvpId: string): string {
  const hex = uuidToHex(rsvpId);
  if (!hex) throw new Error("replyAddress: not an RSVP id");
  return `${PREFIX}${hex}${signature(hex).toString("hex")}@${replyDomain()}`;
}

/**
 * The RSVP a reply address names, or null for any address this server did not sign
 * (another domain, a changed character, a forged or truncated signature).
 */
export function readReplyAddress(address: string): { rsvpId: string } | null {
  if (typeof address !== "string" || address.length > 320) return null;
  const at = address.lastIndexOf("@");
  if (at < 0) return null;
  const local = address
    .slice(0, at)
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, "");
  const domain = address
    .slice(at + 1)
    .trim()
    .toLowerCase();
  if (domain !== replyDomain()) return null;
  const match = LOCAL_PART.exec(local);
  if (!match) return null;
  const [, hex, given] = match as unknown as [string, string, string];
  const expected = signature(hex);
  const givenBytes = Buffer.from(given, "hex");
  if (givenBytes.length !== expected.length || !timingSafeEqual(givenBytes, expected)) return null;
  return { rsvpId: hexToUuid(hex) };
}
