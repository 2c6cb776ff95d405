const ERROR_MAX_CHARS = 500;

/**
 * What to record about a failure: short, and without what a failed query carried (drizzle
 * puts the statement and its parameters, a whole email among them, in its own message).
 */
export function errorText(error: unknown, max = ERROR_MAX_CHARS): string {
  const cause = error instanceof Error && error.message.startsWith("Failed query") ? error.cause : undefined;
  const source = cause ?? error;
  const message = source instanceof Error ? source.message : String(source);
  return message.length > max ? `${message.slice(0, max - 1)}…` : message;
}
