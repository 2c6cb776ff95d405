/**
 * Next's incremental cache (unstable_cache data and ISR pages) in Redis, so that
 * instances behind one load balancer share entries and, above all, tag expiry:
 * an edit on one instance expires its tags for every instance's next request.
 * next.config.ts names this file only when REDIS_URL is set; lib/env.ts validates
 * REDIS_URL and REDIS_KEY_PREFIX at start-up, this file only reads them.
 *
 * Plain JavaScript because Next imports it at run time with Node, outside its bundle.
 *
 * Layout under the prefix (REDIS_KEY_PREFIX, "convene:" by default):
 *   <prefix><build id>:entry:<key>  one entry: { lastModified, value, cacheControl, tags }
 *   <prefix>tags:stale / tags:expired  hashes of tag → epoch ms, as Next's own tags manifest
 * Entries carry the build id, so a new deploy never serves an old build's pages; tag
 * times do not, so an edit made through a new build also expires the old build's
 * entries while both run during a rolling deploy.
 *
 * Each process also keeps decoded copies of the entries it used last (RecentEntries):
 * fetching and decoding a page of ~100 kB cost more than rendering it from memory.
 * A copy is used only after its tags' times are read from Redis, the same check a
 * fetched entry gets, so it never outlives an expiry made on another instance.
 *
 * Redis unreachable: get is a miss and set does nothing, so pages are computed from
 * the database; one log line when it goes and one when it is back, whatever the
 * number of requests in between. Tags expired meanwhile are written once it is back,
 * so entries other instances wrote before the outage do not outlive an edit made during it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createClient } from "redis";
import { RecentEntries } from "./recent-entries.mjs";
import { decodeEntry, encodeEntry } from "./redis-cache-codec.mjs";

// A request waits at most this long for Redis before it treats the entry as missing.
const COMMAND_TIMEOUT_MS = 500;
const CONNECT_TIMEOUT_MS = 2_000;
const MAX_RECONNECT_DELAY_MS = 5_000;
// Entries nobody asks for again leave Redis after a day (an old build's, a past event's).
const ENTRY_TTL_SECONDS = 24 * 60 * 60;
// Tags expired while Redis is away, kept for when it is back; beyond this, the oldest go.
const MAX_PENDING_TAGS = 10_000;
const TAGS_HEADER = "x-next-cache-tags";
// Decoded copies of recent entries in this process (checked against Redis's tag times before each use),
// as much as Next's own in-memory cache holds by default.
const RECENT_BYTES = 50 * 1024 * 1024;

/** @typedef {{ stale?: number, expired?: number }} TagTimes */

/** One client per process (Next makes a handler per request), and its up/down state for the log. */
export class RedisCacheStore {
  /** @param {{ url: string, keyPrefix: string, log?: Pick<Console, "warn" | "info"> }} options */
  constructor({ url, keyPrefix, log = console }) {
    this.keyPrefix = keyPrefix;
    this.log = log;
    this.down = false;
    this.recent = new RecentEntries(RECENT_BYTES);
    /** @type {Map<string, TagTimes>} */
    this.pendingTags = new Map();
    if (!url) {
      // Named by next.config.ts only with REDIS_URL, but if it is ever loaded without one: never guess
      // localhost's. Every read misses, so pages come from the database, and the log says why once.
      this.rawClient = { isReady: false, isOpen: false, close: async () => {}, destroy: () => {} };
      this.client = null;
      this.connecting = Promise.resolve();
      this.markDown(new Error("REDIS_URL is not set"));
      return;
    }
    const client = createClient({
      url,
      // Commands fail at once while disconnected instead of queueing behind the reconnect.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
      },
    });
    client.on("error", (error) => this.markDown(error));
    client.on("ready", () => this.markUp());
    this.client = client.withCommandOptions({ timeout: COMMAND_TIMEOUT_MS });
    this.rawClient = client;
    // Keeps retrying in the background (reconnectStrategy); requests meanwhile miss.
    this.connecting = client.connect().catch((error) => this.markDown(error));
  }

  /** @param {unknown} error */
  markDown(error) {
    if (this.down) return;
    this.down = true;
    const reason = error instanceof Error ? error.message || error.name : String(error);
    this.log.warn(`[cache] Redis unavailable (${reason}): pages and data are computed from the database until it is back`);
  }

  markUp() {
    if (this.down) this.log.info("[cache] Redis reachable again: shared cache in use");
    this.down = false;
    void this.flushPendingTags();
  }

  get ready() {
    return this.rawClient.isReady;
  }

  /** Resolves to undefined when Redis is away or slower than COMMAND_TIMEOUT_MS. */
  /** @template T @param {(client: any) => Promise<T>} command @returns {Promise<T | undefined>} */
  async run(command) {
    if (!this.ready) return undefined;
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    // Belt and braces over the client's own timeout: a reply that never comes must not hold a page.
    const timeout = new Promise((resolve) => (timer = setTimeout(resolve, COMMAND_TIMEOUT_MS + 100, undefined)));
    try {
      const result = await Promise.race([command(this.client), timeout]);
      // Marked down by a command that timed out while the connection stayed up: it answers again.
      if (this.down && result !== undefined) this.markUp();
      return result;
    } catch (error) {
      this.markDown(error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** @param {string} buildId @param {string} key */
  entryKey(buildId, key) {
    return `${this.keyPrefix}${buildId}:entry:${key}`;
  }

  /** @param {string[]} tags @returns {Promise<{ stale: (string | null)[], expired: (string | null)[] } | undefined>} */
  async tagTimes(tags) {
    return this.run(async (client) => {
      const [stale, expired] = await Promise.all([client.hmGet(`${this.keyPrefix}tags:stale`, tags), client.hmGet(`${this.keyPrefix}tags:expired`, tags)]);
      return { stale, expired };
    });
  }

  /** @param {Map<string, TagTimes>} times @returns {Promise<boolean>} */
  async writeTagTimes(times) {
    /** @type {Record<string, string>} */
    const stale = {};
    /** @type {Record<string, string>} */
    const expired = {};
    for (const [tag, time] of times) {
      if (time.stale !== undefined) stale[tag] = String(time.stale);
      if (time.expired !== undefined) expired[tag] = String(time.expired);
    }
    const done = await this.run(async (client) => {
      const writes = [];
      if (Object.keys(stale).length) writes.push(client.hSet(`${this.keyPrefix}tags:stale`, stale));
      if (Object.keys(expired).length) writes.push(client.hSet(`${this.keyPrefix}tags:expired`, expired));
      await Promise.all(writes);
      return true;
    });
    return done === true;
  }

  /** @param {Map<string, TagTimes>} times */
  async expireTags(times) {
    if (await this.writeTagTimes(times)) return;
    for (const [tag, time] of times) {
      this.pendingTags.delete(tag);
      this.pendingTags.set(tag, time);
      if (this.pendingTags.size > MAX_PENDING_TAGS) this.pendingTags.delete(this.pendingTags.keys().next().value ?? "");
    }
  }

  async flushPendingTags() {
    if (this.pendingTags.size === 0) return;
    const pending = this.pendingTags;
    this.pendingTags = new Map();
    if (!(await this.writeTagTimes(pending))) {
      for (const [tag, time] of pending) if (!this.pendingTags.has(tag)) this.pendingTags.set(tag, time);
    }
  }

  async close() {
    // Only a connected client can say goodbye; one still retrying is just stopped.
    if (this.rawClient.isReady) await this.rawClient.close();
    else if (this.rawClient.isOpen) this.rawClient.destroy();
  }
}

/** The build id `next build` wrote next to the server folder; entries of other builds are not read. */
function readBuildId(serverDistDir) {
  try {
    return readFileSync(path.join(serverDistDir ?? "", "..", "BUILD_ID"), "utf8").trim() || "unknown";
  } catch {
    return "unknown";
  }
}

/** Next's own rule (tags-manifest): expired when the expiry has come and came after the entry was written. */
function expiredByTags(times, lastModified, now) {
  return times.some((value) => {
    const expiredAt = Number(value);
    return value !== null && expiredAt <= now && expiredAt > lastModified;
  });
}

function staleByTags(times, lastModified) {
  return times.some((value) => value !== null && Number(value) > lastModified);
}

function tagsOf(data, ctx) {
  if (ctx?.fetchCache || data?.kind === "FETCH") return ctx?.tags ?? data?.tags ?? [];
  const header = data?.headers?.[TAGS_HEADER];
  return typeof header === "string" ? header.split(",").filter(Boolean) : [];
}

/**
 * A CacheHandler class (Next's `cacheHandler` interface) bound to one store.
 * @param {() => RedisCacheStore} getStore
 * @param {{ buildId?: string }} [options] buildId for tests, which have no build
 */
export function redisCacheHandler(getStore, options = {}) {
  return class RedisCacheHandler {
    /** @param {{ serverDistDir?: string }} ctx */
    constructor(ctx = {}) {
      this.store = getStore();
      this.buildId = options.buildId ?? readBuildId(ctx.serverDistDir);
    }

    async get(key, ctx = {}) {
      if (!this.store.ready) return null;
      const entryKey = this.store.entryKey(this.buildId, key);
      // A copy in this process saves fetching and decoding the page; its tags are checked all the same.
      const recent = this.store.recent.get(entryKey);
      if (recent) {
        const checked = await this.checked(recent, ctx);
        if (checked !== undefined) return checked;
        this.store.recent.delete(entryKey);
      }
      const text = await this.store.run((client) => client.get(entryKey));
      if (typeof text !== "string") return null;
      const entry = decodeEntry(text);
      const checked = await this.checked(entry, ctx);
      if (checked) this.store.recent.set(entryKey, entry, text.length);
      return checked ?? null;
    }

    /**
     * The entry as Next should see it after its tags' times in Redis: itself, marked stale, or
     * undefined when a tag expired it (or the times cannot be read: an edit elsewhere may have).
     */
    async checked(entry, ctx) {
      const tags = [...new Set([...(entry.tags ?? []), ...(ctx.tags ?? []), ...(ctx.softTags ?? [])])];
      if (tags.length === 0) return entry;
      const times = await this.store.tagTimes(tags);
      if (!times) return undefined;
      const now = Date.now();
      if (expiredByTags(times.expired, entry.lastModified, now)) return undefined;
      if (staleByTags(times.stale, entry.lastModified)) return markedStale(entry, ctx, now) ?? undefined;
      return entry;
    }

    async set(key, data, ctx = {}) {
      if (!this.store.ready) return;
      const entryKey = this.store.entryKey(this.buildId, key);
      const entry = { lastModified: Date.now(), value: data, cacheControl: ctx.fetchCache ? undefined : ctx.cacheControl, tags: tagsOf(data, ctx) };
      const text = encodeEntry(entry);
      const written = await this.store.run((client) => client.set(entryKey, text, { expiration: { type: "EX", value: ENTRY_TTL_SECONDS } }));
      // Kept here only once Redis has it, so both hold the same entry.
      if (written) this.store.recent.set(entryKey, decodeEntry(text), text.length);
      else this.store.recent.delete(entryKey);
    }

    /** Next's durations: none → expired now; { expire } → stale now, expired after `expire` seconds. */
    async revalidateTag(tags, durations) {
      const now = Date.now();
      /** @type {Map<string, TagTimes>} */
      const times = new Map();
      for (const tag of typeof tags === "string" ? [tags] : tags) {
        times.set(tag, durations ? { stale: now, ...(durations.expire !== undefined ? { expired: now + durations.expire * 1000 } : {}) } : { expired: now });
      }
      if (times.size > 0) await this.store.expireTags(times);
    }

    // Nothing is kept per request; the process's recent copies are checked against Redis on every get.
    resetRequestCache() {}
  };
}

/**
 * Next decides staleness from the entry's age against its revalidate time, so a
 * tag marked stale elsewhere is passed on by dating the entry just past that time:
 * served once more while Next rebuilds it behind the request. Without a time to go
 * past (revalidate: false), a miss.
 */
function markedStale(entry, ctx, now) {
  const revalidate = entry.value?.kind === "FETCH" ? ctx.revalidate || entry.value.revalidate : entry.cacheControl?.revalidate;
  if (typeof revalidate !== "number") return null;
  return { ...entry, lastModified: Math.min(entry.lastModified, now - revalidate * 1000 - 1) };
}

let processStore;

/** The process's store, from REDIS_URL and REDIS_KEY_PREFIX, made on the first request that needs it. */
function storeFromEnv() {
  processStore ??= new RedisCacheStore({ url: process.env.REDIS_URL ?? "", keyPrefix: process.env.REDIS_KEY_PREFIX || "convene:" });
  return processStore;
}

export default redisCacheHandler(storeFromEnv);
