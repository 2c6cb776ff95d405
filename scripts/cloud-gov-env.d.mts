// Types for scripts/cloud-gov-env.mjs (plain JavaScript so it runs before any compiler), for its test.
export function cloudGovEnv(vcapServices: string | undefined, env?: Record<string, string | undefined>): { DATABASE_URL?: string; REDIS_URL?: string };
export function shellExports(vars: Record<string, string>): string;
