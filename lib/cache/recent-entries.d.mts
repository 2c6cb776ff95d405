// Types for recent-entries.mjs (plain JavaScript, imported by the cache handler outside Next's bundle).
export declare class RecentEntries {
  constructor(maxBytes: number);
  readonly maxBytes: number;
  readonly bytes: number;
  get(key: string): unknown;
  set(key: string, entry: unknown, size: number): void;
  delete(key: string): void;
}
