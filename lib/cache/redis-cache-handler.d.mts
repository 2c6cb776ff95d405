// Types for redis-cache-handler.mjs (plain JavaScript: Next imports it outside its bundle), for the tests.
type TagTimes = { stale?: number; expired?: number };
type CacheEntry = { lastModified: number; value: unknown; cacheControl?: unknown; tags?: string[] };

export declare class RedisCacheStore {
  constructor(options: { url: string; keyPrefix: string; log?: Pick<Console, "warn" | "info"> });
  readonly keyPrefix: string;
  down: boolean;
  pendingTags: Map<string, TagTimes>;
  close(): Promise<void>;
}

export interface RedisCacheHandlerInstance {
  get(key: string, ctx?: Record<string, unknown>): Promise<CacheEntry | null>;
  set(key: string, data: unknown, ctx?: Record<string, unknown>): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
  resetRequestCache(): void;
}

export declare function redisCacheHandler(
  getStore: () => RedisCacheStore,
  options?: { buildId?: string },
): new (ctx?: { serverDistDir?: string }) => RedisCacheHandlerInstance;

declare const RedisCacheHandler: new (ctx?: { serverDistDir?: string }) => RedisCacheHandlerInstance;
export default RedisCacheHandler;
