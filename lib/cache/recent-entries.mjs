/**
 * The entries this process read or wrote last, decoded, up to a size in bytes of
 * their stored form (the oldest go first). Only a way to skip fetching and decoding
 * a page from Redis again: the handler still checks the entry's tags in Redis
 * before every use, so a copy here never outlives an expiry made elsewhere.
 */
export class RecentEntries {
  /** @param {number} maxBytes */
  constructor(maxBytes) {
    this.maxBytes = maxBytes;
    this.bytes = 0;
    /** @type {Map<string, { entry: any, size: number }>} */
    this.items = new Map();
  }

  /** @param {string} key */
  get(key) {
    const item = this.items.get(key);
    if (!item) return undefined;
    // Map keeps insertion order: moving a read item to the end makes the first one the least recently used.
    this.items.delete(key);
    this.items.set(key, item);
    return item.entry;
  }

  /** @param {string} key @param {any} entry @param {number} size */
  set(key, entry, size) {
    this.delete(key);
    if (size > this.maxBytes) return;
    this.items.set(key, { entry, size });
    this.bytes += size;
    for (const [oldest, item] of this.items) {
      if (this.bytes <= this.maxBytes) break;
      this.items.delete(oldest);
      this.bytes -= item.size;
    }
  }

  /** @param {string} key */
  delete(key) {
    const item = this.items.get(key);
    if (!item) return;
    this.items.delete(key);
    this.bytes -= item.size;
  }
}
