// Types for dotgov-file.mjs (plain JavaScript, shared with scripts/refresh-dotgov.mjs).
import type { GovernmentLevel } from "@/lib/members/government-levels";

export type DotGovDomain = {
  domain: string;
  /** The registry's "Domain type", e.g. "Federal - Executive", "City - Election". */
  type: string;
  level: GovernmentLevel;
  organization: string;
  suborganization: string;
};

export declare const DOTGOV_COLUMNS: readonly string[];
export declare const MIN_DOTGOV_ROWS: number;
export declare function levelForDomainType(type: string): GovernmentLevel;
export declare function parseDotGovCsv(
  text: string,
  options?: { minRows?: number },
): { ok: true; domains: Map<string, DotGovDomain> } | { ok: false; problems: string[] };
