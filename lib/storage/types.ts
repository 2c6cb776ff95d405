import type { Readable } from "node:stream";

/** Inclusive byte offsets, as in an HTTP Range header. */
export type ByteRange = { start: number; end: number };

export type StoredObject = { size: number };

/** `size` is always the whole object's, so a caller can answer a range request with Content-Range. */
export type StoredRead = { stream: Readable; size: number };

/**
 * Where uploaded files live. Keys are random ids the app makes, never a file name
 * someone typed. Each instance of the app must see the same objects, so where several
 * run, the implementation is a shared bucket rather than a local directory.
 */
export interface FileStorage {
  /** Stores the whole stream under `key`; a failed or interrupted write leaves nothing behind. */
  put(key: string, stream: Readable): Promise<StoredObject>;
  /** Null when there is no such object. */
  get(key: string, range?: ByteRange): Promise<StoredRead | null>;
  /** Removing a missing object is not an error: removal is retried after partial failures. */
  remove(key: string): Promise<void>;
  stat(key: string): Promise<StoredObject | null>;
}
