/** pino's levels, plus "silent"; lib/env.ts validates LOG_LEVEL against these, lib/log.ts uses them. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * LOG_LEVEL as the logger reads it. Not through getEnv(): the logger must work (and
 * report a bad configuration) before the whole environment is known to be valid, so a
 * wrong value falls back to the default here and getEnv() names it as a problem.
 * Vitest runs default to "silent": the suites exercise failures on purpose.
 */
export function logLevelFrom(source: Record<string, string | undefined>): LogLevel {
  const wanted = source.LOG_LEVEL?.trim().toLowerCase();
  if (wanted && (LOG_LEVELS as readonly string[]).includes(wanted)) return wanted as LogLevel;
  return source.VITEST ? "silent" : "info";
}
