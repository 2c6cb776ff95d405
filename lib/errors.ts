/**
 * Expected failures: server actions turn them into their form's state
 * (lib/actions/form-action.ts), route handlers into a response with
 * `toResponse()`, pages into notFound(). Anything else is a bug, logged and
 * answered with a generic message.
 */
export type AppErrorKind = "invalid" | "unauthenticated" | "forbidden" | "not_found" | "conflict" | "rate_limited" | "unavailable";

const statusByKind: Record<AppErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

export class AppError extends Error {
  constructor(
    readonly kind: AppErrorKind,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status() {
    return statusByKind[this.kind];
  }

  /** The one HTTP form of a refusal: its status, `{ error, fieldErrors }` as JSON, and the route's own headers. */
  toResponse(headers?: HeadersInit): Response {
    return Response.json({ error: this.message, fieldErrors: this.fieldErrors }, { status: this.status, headers });
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
