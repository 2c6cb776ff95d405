// Keys can never name a dot file (partial writes, the incoming folder) or leave the directory or prefix.
const KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** The one rule for storage keys, whichever store holds the files. */
export function assertStorageKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
}

/** The same check, and the message, for a range outside an object, wherever the object is kept. */
export function assertRangeInside(range: { start: number; end: number }, size: number): void {
  if (range.start < 0 || range.start > range.end || range.end >= size) {
    throw new RangeError(`Range ${range.start}-${range.end} is outside an object of ${size} bytes`);
  }
}
