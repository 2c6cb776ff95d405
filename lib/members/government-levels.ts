import type { users } from "@/db/schema";

/**
 * The levels of government a member's address belongs to, and their words. No runtime
 * import, so client components (the event form's audience choice) can use it. Keyed by the
 * schema's enum: a level added there does not compile until it has its label here.
 */
export type GovernmentLevel = NonNullable<(typeof users.$inferSelect)["governmentLevel"]>;

export const GOVERNMENT_LEVEL_LABELS = {
  federal: { tag: "Federal", option: "Federal government" },
  state: { tag: "State or territory", option: "State or territory government" },
  local: { tag: "Local", option: "Local government (county, city, district)" },
  tribal: { tag: "Tribal", option: "Tribal government" },
  other: { tag: "Other", option: "Other government organizations" },
} as const satisfies Record<GovernmentLevel, { tag: string; option: string }>;

export const GOVERNMENT_LEVELS = Object.keys(GOVERNMENT_LEVEL_LABELS) as [GovernmentLevel, ...GovernmentLevel[]];
