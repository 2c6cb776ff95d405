import { describe, expect, it } from "vitest";
import { ELIGIBILITY_MESSAGE, checkEmailEligibility, eligibilityMessage, normalizeEmail, type EligibilityRefusal } from "./eligibility";

const DEFAULT_DOMAINS = ["gov", "mil"] as const;
// Built from valid labels so only the length can be what fails.
const ADDRESS_300_CHARS = `name@${["a", "b", "c", "d", "e"].map((c) => c.repeat(50)).join(".")}.${"f".repeat(36)}.gov`;
const DOMAIN_255_CHARS = `${Array.from({ length: 63 }, () => "abc").join(".")}.gov`;

describe("checkEmailEligibility accepts", () => {
  it.each([
    ["name@agency.gov", "name@agency.gov"],
    ["name@us.army.mil", "name@us.army.mil"],
    ["First.Last@HHS.GOV ", "first.last@hhs.gov"],
    ["a.b-c+tag@sub.agency.gov", "a.b-c+tag@sub.agency.gov"],
    ["\t  name@agency.gov\r\n", "name@agency.gov"],
    ["o'brien@agency.gov", "o'brien@agency.gov"],
    ["first_last%ops@agency.gov", "first_last%ops@agency.gov"],
    ["name@agency-1.gov", "name@agency-1.gov"],
    [`${"a".repeat(64)}@agency.gov`, `${"a".repeat(64)}@agency.gov`],
    [`name@${"a".repeat(63)}.gov`, `name@${"a".repeat(63)}.gov`],
    // Only domain labels are names that can be internationalized; a local part that starts so is just text.
    ["xn--name@agency.gov", "xn--name@agency.gov"],
    ["name@axn--b.gov", "name@axn--b.gov"],
  ])("%j as %j", (raw, email) => {
    expect(checkEmailEligibility(raw, DEFAULT_DOMAINS)).toEqual({ ok: true, email });
  });
});

describe("checkEmailEligibility refuses", () => {
  it.each<[string, string, EligibilityRefusal]>([
    // Lookalike domains: the allowed label must be the last one, not a substring or suffix.
    ["gov as a subdomain", "name@gov.example.com", "domain_not_allowed"],
    ["gov in the middle", "name@agency.gov.evil.com", "domain_not_allowed"],
    ["gov glued to another label", "name@evilgov.com", "domain_not_allowed"],
    ["mil then a foreign TLD", "name@agency.mil.ru", "domain_not_allowed"],
    ["gov.mil in the middle", "name@gov.mil.evil.com", "domain_not_allowed"],
    ["commercial TLD", "name@agency.com", "domain_not_allowed"],
    ["education TLD", "name@agency.edu", "domain_not_allowed"],
    ["bare TLD", "name@gov", "malformed"],
    ["trailing dot", "name@agency.gov.", "malformed"],

    // Several addresses, or an address wrapped in something else.
    ["comma list", "a@agency.gov,b@evil.com", "malformed"],
    ["semicolon list", "name@agency.gov;x@evil.com", "malformed"],
    ["quoted local part", '"x@evil.com"@agency.gov', "malformed"],
    ["angle brackets", "<name@agency.gov>", "malformed"],
    ["display name", "Name <name@agency.gov>", "malformed"],
    ["header injection", "name@agency.gov\r\nBcc: x@evil.com", "malformed"],
    ["embedded LF", "name@agency.gov\nx", "malformed"],
    ["embedded tab", "name\t@agency.gov", "malformed"],
    ["space in local part", "na me@agency.gov", "malformed"],
    ["backslash", "na\\me@agency.gov", "malformed"],
    ["comment", "name(comment)@agency.gov", "malformed"],
    ["port", "name@agency.gov:443", "malformed"],
    ["IP literal", "name@[127.0.0.1]", "malformed"],
    ["NUL byte", "name\u0000@agency.gov", "malformed"],

    // Non-ASCII is refused before NFKC could fold it into something that passes.
    ["full-width at sign", "name\uFF20agency.gov", "non_ascii"],
    ["full-width letters", "\uFF4E\uFF41\uFF4D\uFF45@agency.gov", "non_ascii"],
    ["Cyrillic a in local part", "n\u0430me@agency.gov", "non_ascii"],
    ["Cyrillic a in domain", "name@\u0430gency.gov", "non_ascii"],
    ["Cyrillic o in TLD", "name@agency.g\u043Ev", "non_ascii"],
    ["zero-width space", "name\u200B@agency.gov", "non_ascii"],
    ["right-to-left override", "name@\u202Evog.ycnega", "non_ascii"],
    ["non-breaking space inside", "name\u00A0@agency.gov", "non_ascii"],
    ["accented letter", "jos\u00E9@agency.gov", "non_ascii"],

    // .gov and .mil register no internationalized names, so any punycode label is a look-alike.
    ["punycode look-alike of agency.gov", "name@xn--gency-3ve.gov", "idn"],
    ["punycode in upper case", "NAME@XN--GENCY-3VE.GOV", "idn"],
    ["punycode subdomain", "name@xn--80ak6aa92e.agency.gov", "idn"],
    ["punycode top-level label", "name@agency.xn--p1ai", "idn"],
    ["Unicode look-alike domain (Cyrillic a), the same name as xn--gency-3ve", "name@\u0430gency.gov", "non_ascii"],

    // Structure of the address itself.
    ["empty", "", "empty"],
    ["whitespace only", "   \n", "empty"],
    ["no local part", "@agency.gov", "malformed"],
    ["no domain", "name@", "malformed"],
    ["no at sign", "name.agency.gov", "malformed"],
    ["double at sign", "name@@agency.gov", "malformed"],
    ["two at signs", "a@b@agency.gov", "malformed"],
    ["empty domain label", "name@agency..gov", "malformed"],
    ["leading dot in domain", "name@.agency.gov", "malformed"],
    ["label starting with hyphen", "name@-agency.gov", "malformed"],
    ["label ending with hyphen", "name@agency-.gov", "malformed"],
    ["underscore in domain", "name@agen_cy.gov", "malformed"],
    ["64-character label", `name@${"a".repeat(64)}.gov`, "malformed"],
    ["leading dot in local part", ".name@agency.gov", "malformed"],
    ["trailing dot in local part", "name.@agency.gov", "malformed"],
    ["double dot in local part", "na..me@agency.gov", "malformed"],
    ["other punctuation in local part", "na!me@agency.gov", "malformed"],
    ["65-character local part", `${"a".repeat(65)}@agency.gov`, "too_long"],
    ["300-character address", ADDRESS_300_CHARS, "too_long"],
    ["domain over 253 characters", `n@${DOMAIN_255_CHARS}`, "too_long"],
  ])("%s: %j", (_label, raw, reason) => {
    expect(checkEmailEligibility(raw, DEFAULT_DOMAINS)).toEqual({ ok: false, reason });
  });

  it("fixture lengths are what the case names claim", () => {
    expect(ADDRESS_300_CHARS).toHaveLength(300);
    expect(DOMAIN_255_CHARS).toHaveLength(255);
  });
});

describe("checkEmailEligibility with custom allowedDomains", () => {
  it.each<[string, readonly string[], boolean]>([
    ["name@us.army.mil", ["gov"], false],
    ["name@agency.gov", ["gov"], true],
    ["name@agency.gov", ["mil"], false],
    ["name@us.army.mil", ["mil"], true],
    ["name@agency.gov", [" GOV "], true],
    ["name@agency.gov", [], false],
    // Entries are single labels by design; a dotted entry is never a match, not a suffix match.
    ["name@agency.fed.us", ["fed.us"], false],
    ["name@agency.fed.us", ["us"], true],
  ])("%j with %j is ok: %s", (raw, allowedDomains, ok) => {
    const result = checkEmailEligibility(raw, allowedDomains);
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.reason).toBe("domain_not_allowed");
  });
});

describe("normalizeEmail", () => {
  it.each([
    ["  First.Last@HHS.GOV  ", "first.last@hhs.gov"],
    ["NAME@Agency.Gov", "name@agency.gov"],
    ["\nname@agency.gov\t", "name@agency.gov"],
    // NFKC folds these to ASCII; that is exactly why eligibility checks for non-ASCII first.
    ["name\uFF20agency.gov", "name@agency.gov"],
    ["\uFF2E\uFF41\uFF4D\uFF45@agency.gov", "name@agency.gov"],
  ])("%j becomes %j", (raw, normalized) => {
    expect(normalizeEmail(raw)).toBe(normalized);
  });

  it("refuses full-width input even though its normalized form would pass", () => {
    const raw = "\uFF2E\uFF41\uFF4D\uFF45\uFF20agency.gov";
    expect(checkEmailEligibility(normalizeEmail(raw), DEFAULT_DOMAINS).ok).toBe(true);
    expect(checkEmailEligibility(raw, DEFAULT_DOMAINS)).toEqual({ ok: false, reason: "non_ascii" });
  });
});

describe("eligibility message", () => {
  it("names the default domains", () => {
    expect(ELIGIBILITY_MESSAGE).toBe("Convene is open to government employees and contractors with an official .gov or .mil email address.");
  });

  it.each([
    [["gov"], "an official .gov email address"],
    [["gov", "mil", "us"], "an official .gov, .mil, or .us email address"],
  ])("lists %j", (domains, fragment) => {
    expect(eligibilityMessage(domains)).toContain(fragment);
  });
});
