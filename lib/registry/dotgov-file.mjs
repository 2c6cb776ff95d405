// The .gov registry file (CISA's cisagov/dotgov-data current-full.csv): how it is read and checked.
// Plain JavaScript, so scripts/refresh-dotgov.mjs validates a download with the very parser the app loads it with.
import { parse } from "csv-parse/sync";

/** The header CISA publishes, in order. A file with another header is not the file we know how to read. */
export const DOTGOV_COLUMNS = ["Domain name", "Domain type", "Organization name", "Suborganization name", "City", "State", "Security contact email"];

/** Fewer rows than this is a truncated or wrong download, not the registry (the 2026-08-22 snapshot has 16,539). */
export const MIN_DOTGOV_ROWS = 10_000;

// A registered .gov domain is one label before .gov, lowercase ASCII; no IDNs are registered under .gov.
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.gov$/;

/**
 * The registry's "Domain type" as a level of government. Federal - Executive/Legislative/Judicial
 * (and plain "Federal") are federal; State or territory (and its Election variant) is state;
 * counties, cities, special and school districts and independent intra-state bodies (and their
 * Election variants) are local; Tribal is tribal; Interstate and anything new is other.
 */
export function levelForDomainType(type) {
  const base = String(type)
    .trim()
    .replace(/\s*-\s*Election$/i, "")
    .toLowerCase();
  if (base === "federal" || base.startsWith("federal -") || base.startsWith("federal-")) return "federal";
  if (base === "state or territory" || base === "state") return "state";
  if (["county", "city", "special district", "school district", "independent intra-state"].includes(base)) return "local";
  if (base === "tribal") return "tribal";
  return "other";
}

/**
 * Parses and checks the whole file. Returns the rows keyed by domain, or the problems that make
 * it unusable (a wrong header, too few rows, a row that does not parse, a malformed domain).
 */
export function parseDotGovCsv(text, { minRows = MIN_DOTGOV_ROWS } = {}) {
  let records;
  try {
    records = parse(text, { bom: true, relax_column_count: false, skip_empty_lines: true });
  } catch (error) {
    return { ok: false, problems: [`The file does not parse as CSV: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const [header, ...rows] = records;
  if (!header || header.join(",") !== DOTGOV_COLUMNS.join(",")) {
    return { ok: false, problems: [`The header is not the registry's (${DOTGOV_COLUMNS.join(", ")}); got: ${header ? header.join(", ") : "nothing"}`] };
  }
  const problems = [];
  const domains = new Map();
  rows.forEach((row, index) => {
    const [domainName = "", type = "", organization = "", suborganization = ""] = row;
    const domain = domainName.trim().toLowerCase();
    if (!DOMAIN.test(domain)) {
      if (problems.length < 10) problems.push(`Row ${index + 2}: "${domainName}" is not a registered .gov domain name`);
      return;
    }
    domains.set(domain, {
      domain,
      type: type.trim(),
      level: levelForDomainType(type),
      organization: organization.trim(),
      suborganization: suborganization.trim(),
    });
  });
  if (domains.size < minRows) problems.push(`Only ${domains.size} domains; the registry lists more than ${minRows}, so this looks truncated`);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, domains };
}
