import { z } from "zod";
import { GOVERNMENT_LEVELS } from "@/lib/members/government-levels";

// Line breaks, control characters and bidi overrides have no place in a name shown on every member's page.
const CONTROL = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
// A registered domain: one label and a top-level one, lowercase ASCII. Punycode (xn--) is refused by
// name: .gov and .mil register no IDNs, so an xn-- label can only be a look-alike.
const REGISTERED_DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.[a-z0-9-]{2,63}$/;

const text = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(1, { error: `Enter ${label}.` })
    .max(max, { error: `Keep ${label} to ${max} characters or fewer.` })
    .refine((value) => !CONTROL.test(value), { error: `Remove line breaks and control characters from ${label}.` });

export const DOMAIN_HINT = "Like agency.gov: the part after the @ and any subdomain, without https:// or www.";

export const domainField = z
  .string({ error: "Enter a domain, like agency.gov." })
  .trim()
  .toLowerCase()
  .min(1, { error: "Enter a domain, like agency.gov." })
  .max(253, { error: "That domain is too long." })
  .refine((value) => !/[^\x00-\x7f]/.test(value) && !/(^|\.)xn--/.test(value), {
    error: "Enter the domain in plain letters: .gov and .mil have no internationalized (xn--) names.",
  })
  .refine((value) => REGISTERED_DOMAIN.test(value), { error: "Enter a registered domain like agency.gov: one name, a dot, and .gov or .mil." });

/** The admin's "Allow a domain" form. Strict: a post with other fields was not made by the form. */
export const allowDomainSchema = z.strictObject({
  domain: domainField,
  organization: text("the organization's name", 200),
  level: z.enum(GOVERNMENT_LEVELS, { error: "Choose the level of government." }),
  reason: text("why this domain may join", 500),
});

export const removeDomainSchema = z.strictObject({ domain: domainField });

export type AllowDomainInput = z.output<typeof allowDomainSchema>;
export type AllowDomainFields = { [K in keyof z.input<typeof allowDomainSchema>]: string };
