import "server-only";

/**
 * The one policy deciding which email addresses may sign in. Sign-in, invitations
 * and admin tools all call this, so a government-only community cannot be entered
 * through a looser check somewhere else.
 *
 * Deliberately narrower than RFC 5322: quoted local parts, comments, address lists,
 * IP-literal domains and internationalized addresses are all valid somewhere, but
 * each one is a way to make a string look like an agency address to a person or a
 * mail server while meaning something else. No real .gov or .mil mailbox needs them.
 */

export type EligibilityRefusal =
  | "empty"
  | "too_long"
  /** Checked before normalization, so NFKC cannot turn `＠` or full-width letters into ASCII that passes. */
  | "non_ascii"
  | "malformed"
  /** An `xn--` (punycode) label: .gov and .mil register no IDNs, so it can only be a look-alike. */
  | "idn"
  | "domain_not_allowed"
  /** registry: a .gov domain the registry does not list and no admin allowed (lib/registry/membership.ts decides it). */
  | "not_registered";

export type EligibilityResult = { ok: true; email: string } | { ok: false; reason: EligibilityRefusal };

/** RFC 5321 caps a forward path at 256 octets including the angle brackets. */
const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;
const MAX_DOMAIN_LENGTH = 253;

// Printable ASCII only; control characters (CR/LF above all) are header injection, not addresses.
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const NON_ASCII = /[^\x00-\x7f]/;
// Characters that turn one "address" into a display name, a list, a quoted string or a host:port.
const STRUCTURAL = /[",<>;\\()[\]:]/;
const LOCAL_PART = /^[a-z0-9._%+'-]+$/;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// The ACE prefix of an internationalized label (RFC 5890); the address is lowercased before this runs.
const PUNYCODE_LABEL = /^xn--/;

export function normalizeEmail(raw: string): string {
  return raw.trim().normalize("NFKC").toLowerCase();
}

/**
 * `allowedDomains` are single top-level labels such as `gov` and `mil`, matched
 * against the address's last label exactly. An entry containing a dot (`fed.us`)
 * never matches: supporting multi-label suffixes is a policy change, not a config one.
 */
export function checkEmailEligibility(raw: string, allowedDomains: readonly string[]): EligibilityResult {
  // Form values reach here from untyped boundaries (FormData can hold a File); refuse rather than throw.
  if (typeof raw !== "string") return refuse("malformed");
  const trimmed = raw.trim();
  if (trimmed === "") return refuse("empty");
  if (trimmed.length > MAX_ADDRESS_LENGTH) return refuse("too_long");
  if (NON_ASCII.test(trimmed)) return refuse("non_ascii");

  const email = normalizeEmail(trimmed);
  if (!PRINTABLE_ASCII.test(email) || STRUCTURAL.test(email)) return refuse("malformed");

  const parts = email.split("@");
  if (parts.length !== 2) return refuse("malformed");
  const [local = "", domain = ""] = parts;

  if (local.length > MAX_LOCAL_LENGTH || domain.length > MAX_DOMAIN_LENGTH) return refuse("too_long");
  if (!isValidLocalPart(local)) return refuse("malformed");

  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return refuse("malformed");
  // Unicode was refused above; its ASCII spelling is refused here, in any label (xn--gency-3ve.gov shows as аgency.gov).
  if (labels.some((label) => PUNYCODE_LABEL.test(label))) return refuse("idn");

  const topLevel = labels[labels.length - 1];
  const allowed = allowedDomains.map((entry) => entry.trim().toLowerCase());
  if (topLevel === undefined || !allowed.includes(topLevel)) return refuse("domain_not_allowed");

  return { ok: true, email };
}

function isValidLocalPart(local: string): boolean {
  return local.length > 0 && LOCAL_PART.test(local) && !local.startsWith(".") && !local.endsWith(".") && !local.includes("..");
}

function refuse(reason: EligibilityRefusal): EligibilityResult {
  return { ok: false, reason };
}

/** One message for every refusal: telling people which rule failed helps someone probing the policy, not a colleague. */
export function eligibilityMessage(allowedDomains: readonly string[]): string {
  const list = new Intl.ListFormat("en", { type: "disjunction" }).format(allowedDomains.map((domain) => `.${domain.trim().toLowerCase()}`));
  return `Convene is open to government employees and contractors with an official ${list} email address.`;
}

export const ELIGIBILITY_MESSAGE = eligibilityMessage(["gov", "mil"]);
