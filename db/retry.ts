/**
 * Postgres errors that mean "someone else held what we needed; the same work may
 * succeed if tried again": a lock wait that hit lock_timeout, a deadlock, or a
 * serialization failure. Drizzle wraps driver errors, so the code may be on `cause`.
 */
const TRANSIENT_CODES = new Set(["55P03", "40P01", "40001"]);

export function isTransientDbError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export class RetriesExhaustedError extends Error {
  constructor(
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`Gave up after ${attempts} attempts`, { cause });
    this.name = "RetriesExhaustedError";
  }
}

/**
 * Runs `work` (a whole transaction) again when it fails transiently, a bounded
 * number of times with jittered backoff, so a busy moment does not become an
 * error page and a stuck lock does not become an endless wait.
 */
export async function withTransientRetry<T>(work: () => Promise<T>, { attempts = 3, baseDelayMs = 50 } = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isTransientDbError(error)) throw error;
      if (attempt >= attempts) throw new RetriesExhaustedError(attempt, error);
      const delay = baseDelayMs * 2 ** (attempt - 1);
      await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * delay));
    }
  }
}
