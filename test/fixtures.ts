import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Stand-ins and setters that many test files share (factories for rows are in ./factories.ts).
 * Kept free of app imports beyond lib/env and lib/errors, so a vi.mock factory can load it without a cycle.
 */

/**
 * next/cache outside a Next.js request: nothing is cached and nothing to expire. For
 * `vi.mock("next/cache", () => import("@/test/fixtures").then((f) => f.nextCacheStub))`;
 * vi.mock is hoisted above imports, so its factory loads this itself.
 */
export const nextCacheStub = {
  revalidatePath: () => {},
  revalidateTag: () => {},
  updateTag: () => {},
  unstable_cache: <T>(read: T) => read,
};

type EnvVars = Record<string, string | undefined>;

function applyEnv(vars: EnvVars) {
  for (const [key, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
}

/** Sets (or, for undefined, removes) variables and re-reads the env; returns what puts them back. */
export function setEnv(vars: EnvVars): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  applyEnv(vars);
  return () => applyEnv(saved);
}

/**
 * The calling file's (or, with `each`, every test's) variables, put back afterwards. A function
 * is read when the hook runs, so it can keep a value the environment already has.
 */
export function useEnv(vars: EnvVars | (() => EnvVars), { each = false }: { each?: boolean } = {}) {
  let restore: (() => void) | undefined;
  (each ? beforeEach : beforeAll)(() => {
    restore = setEnv(typeof vars === "function" ? vars() : vars);
  });
  (each ? afterEach : afterAll)(() => restore?.());
}

/** Awaits a call that must fail with an AppError of this kind, and returns the error for more checks. */
export async function expectAppError(promise: Promise<unknown>, kind?: AppError["kind"]) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  if (kind) expect((error as AppError).kind).toBe(kind);
  return error as AppError;
}
