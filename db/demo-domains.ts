import type { Db, Tx } from "./index";
import { allowedDomains } from "./schema";

/**
 * registry: `agency.gov` is not a registered .gov domain, but every test and the demo sign up with
 * it (test/factories.ts, e2e's uniqueEmail). The demo seed and every test database allow it as an
 * admin would, so those sign-ins keep working; a production database never gets it.
 */
export const DEMO_ALLOWED_DOMAINS = [
  { domain: "agency.gov", organization: "Demo Agency", level: "federal", reason: "demo and test data" },
] as const satisfies readonly (typeof allowedDomains.$inferInsert)[];

export async function allowDemoDomains(db: Db | Tx) {
  await db
    .insert(allowedDomains)
    .values([...DEMO_ALLOWED_DOMAINS])
    .onConflictDoNothing();
}
