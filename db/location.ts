import { z } from "zod";

/**
 * The two variables that say where the database is. They live here, not in lib/env.ts, because db/
 * sits below lib/ and must not import it (eslint.config.mjs); lib/env.ts spreads this shape into
 * the whole configuration, so start-up still validates them with everything else, in one message.
 */
export const databaseEnvShape = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
};

const locationSchema = z.object(databaseEnvShape);

export type DatabaseLocation = z.infer<typeof locationSchema>;

/** Read when the database is opened; empty strings count as unset, as in lib/env.ts. */
export function databaseLocation(source: Record<string, string | undefined> = process.env): DatabaseLocation {
  return locationSchema.parse({
    DATABASE_URL: source.DATABASE_URL || undefined,
    DATA_DIR: source.DATA_DIR || undefined,
  });
}
