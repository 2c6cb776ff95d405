import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { purposeKey } from "@/lib/auth-secret";
import { siteUrl } from "@/lib/site";
import { hexToUuid, uuidToHex } from "@/lib/uuid-hex";

/**
 * A survey link names the survey and the member, and carries a random nonce, all signed with an
 * HMAC keyed from AUTH_SECRET (a key of its own, "survey-answer"). The signature means nobody can
 * make a link for another member or another event; the nonce's SHA-256 is stored with the
 * invitation (survey_invitations), so only the link last mailed works, it stops working when it
 * expires, and once its member has answered it opens nothing but "already answered" (one answer per
 * member is the primary key of survey_participants). Rotating AUTH_SECRET invalidates every link.
 */
const VERSION = "s1";
const NONCE_BYTES = 16;
// 48 bytes of payload and 32 of signature, base64url: anything else is not a token and never reaches the database.
const tokenPattern = /^[A-Za-z0-9_-]{64}\.[A-Za-z0-9_-]{43}$/;

function sign(payload: string): Buffer {
  return createHmac("sha256", purposeKey("survey-answer")).update(`${VERSION}.${payload}`).digest();
}

export function hashNonce(nonce: Buffer): string {
  return createHash("sha256").update(nonce).digest("hex");
}

export type SurveyToken = { surveyId: string; userId: string; nonce: Buffer };

/** A new link's token and the hash to store for it. */
export function createSurveyToken({ surveyId, userId }: { surveyId: string; userId: string }): { token: string; nonceHash: string } {
  const survey = uuidToHex(surveyId);
  const user = uuidToHex(userId);
  if (!survey || !user) throw new Error("createSurveyToken: not an id");
  const nonce = randomBytes(NONCE_BYTES);
  const payload = Buffer.concat([Buffer.from(survey, "hex"), Buffer.from(user, "hex"), nonce]).toString("base64url");
  return { token: `${payload}.${sign(payload).toString("base64url")}`, nonceHash: hashNonce(nonce) };
}

/** What a token names, or null for anything this server did not sign. Says nothing about whether it is still good. */
export function readSurveyToken(token: string): SurveyToken | null {
  if (typeof token !== "string" || !tokenPattern.test(token)) return null;
  const [payload, signature] = token.split(".") as [string, string];
  const given = Buffer.from(signature, "base64url");
  const expected = sign(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const bytes = Buffer.from(payload, "base64url");
  if (bytes.length !== 32 + NONCE_BYTES) return null;
  return {
    surveyId: hexToUuid(bytes.subarray(0, 16).toString("hex")),
    userId: hexToUuid(bytes.subarray(16, 32).toString("hex")),
    nonce: bytes.subarray(32),
  };
}

/** Whether the nonce is the one stored for the invitation (constant time). */
export function nonceMatches(nonce: Buffer, storedHash: string): boolean {
  const given = Buffer.from(hashNonce(nonce), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}

export function surveyUrl(token: string): string {
  return siteUrl(`/survey/${token}`);
}
