/**
 * The object store refused or failed a request (access denied, no such bucket, unreachable).
 * Callers tell the person "the file could not be saved" without the store's details; the
 * message, with the store's error code, is for the log.
 */
export class StorageError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "StorageError";
  }
}
