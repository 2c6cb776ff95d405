import net from "node:net";
import { randomUUID } from "node:crypto";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisCacheStore, redisCacheHandler } from "./redis-cache-handler.mjs";

/**
 * The Redis cache handler against the real Redis (REDIS_URL or 127.0.0.1:6379),
 * each handler with a connection of its own as two instances would have. Keys go
 * under a prefix of this run's own and are deleted at the end.
 */
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const keyPrefix = `convene-test:${randomUUID().slice(0, 8)}:`;
const admin = createClient({ url: redisUrl, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
const reachable = await admin.connect().then(
  () => true,
  () => false,
);
const stores: RedisCacheStore[] = [];

function quietLog() {
  const lines = { warn: [] as string[], info: [] as string[] };
  return { lines, log: { warn: (line: string) => lines.warn.push(line), info: (line: string) => lines.info.push(line) } };
}

const ready = (store: RedisCacheStore) => until(() => (store as unknown as { rawClient: { isReady: boolean } }).rawClient.isReady);

/** A handler as one instance has it: its own store (connection), a given build; connected unless told not to wait. */
async function instance(url = redisUrl, buildId = "build-1", { wait = true } = {}) {
  const { lines, log } = quietLog();
  const store = new RedisCacheStore({ url, keyPrefix, log });
  stores.push(store);
  if (wait) await ready(store);
  const Handler = redisCacheHandler(() => store, { buildId });
  return { handler: new Handler(), store, lines };
}

/**
 * Next's rule counts a tag's expiry only when it is later than the entry was written: in the same millisecond
 * (Node 24 gets there) it is not. Tests that expire what they just wrote wait for the clock to move on.
 */
const aMomentLater = () => new Promise((resolve) => setTimeout(resolve, 2));

async function until(check: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("condition not met");
}

/** A port nothing listens on. */
async function closedPort() {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A TCP relay to Redis that can be cut and restored on the same port: Redis going away mid-run. */
function relay(port: number) {
  const target = new URL(redisUrl);
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  return {
    async open() {
      server = net.createServer((socket) => {
        const upstream = net.connect(Number(target.port || 6379), target.hostname);
        sockets.add(socket).add(upstream);
        socket.pipe(upstream).pipe(socket);
        for (const end of [socket, upstream]) end.on("error", () => {}).on("close", () => (socket.destroy(), upstream.destroy()));
      });
      await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
    },
    async cut() {
      const closed = new Promise((resolve) => server?.close(resolve));
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      await closed;
    },
  };
}

const fetchEntry = (data: string, tags: string[]) => ({ kind: "FETCH", data: { headers: {}, body: data, status: 200 }, revalidate: 60, tags });
const fetchCtx = (tags: string[]) => ({ kind: "FETCH", fetchCache: true, tags, softTags: [], revalidate: 60 });

// Skipped only off CI: CI machines run Redis, so there an unreachable Redis fails these tests instead of hiding them.
describe.skipIf(!reachable && !process.env.CI)("Redis cache handler", () => {
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    for await (const keys of admin.scanIterator({ MATCH: `${keyPrefix}*`, COUNT: 500 })) if (keys.length) await admin.del(keys);
    await admin.close();
  });

  it("stores a page with its Buffers and segment Map, and gives it back as written", async () => {
    const { handler } = await instance();
    const page = {
      kind: "APP_PAGE",
      html: "<h1>Captions clinic</h1>",
      rscData: Buffer.from("rsc payload"),
      segmentData: new Map([["/_tree", Buffer.from("tree")]]),
      headers: { "x-next-cache-tags": "event:1,events" },
      status: 200,
    };
    await handler.set("/visitor/events/captions", page, { cacheControl: { revalidate: 60, expire: 31536000 } });
    const entry = await handler.get("/visitor/events/captions", { kind: "APP_PAGE" });
    expect(entry?.value).toEqual(page);
    expect(Buffer.isBuffer((entry?.value as typeof page).rscData)).toBe(true);
    expect(entry?.cacheControl).toEqual({ revalidate: 60, expire: 31536000 });
    expect(entry?.tags).toEqual(["event:1", "events"]);
  });

  it("an expiry on one instance is seen by another on its next read; other tags keep their entries", async () => {
    const a = await instance();
    const b = await instance();
    await b.handler.set("event-data", fetchEntry("old title", ["event:7"]), fetchCtx(["event:7"]));
    await b.handler.set("resource-data", fetchEntry("library", ["resources"]), fetchCtx(["resources"]));
    expect((await b.handler.get("event-data", fetchCtx(["event:7"])))?.value).toMatchObject({ data: { body: "old title" } });

    await aMomentLater();
    await a.handler.revalidateTag(["event:7"], { expire: 0 });
    expect(await b.handler.get("event-data", fetchCtx(["event:7"]))).toBeNull();
    expect(await b.handler.get("resource-data", fetchCtx(["resources"]))).not.toBeNull();
    // Written again after the expiry, the entry is fresh.
    await b.handler.set("event-data", fetchEntry("new title", ["event:7"]), fetchCtx(["event:7"]));
    expect((await a.handler.get("event-data", fetchCtx(["event:7"])))?.value).toMatchObject({ data: { body: "new title" } });
  });

  it("the copy an instance keeps in memory gives way to an expiry and a rewrite made by another", async () => {
    const a = await instance();
    const b = await instance();
    await b.handler.set("event-page", fetchEntry("v1", ["event:8"]), fetchCtx(["event:8"]));
    expect((await b.handler.get("event-page", fetchCtx(["event:8"])))?.value).toMatchObject({ data: { body: "v1" } });
    await a.handler.revalidateTag("event:8", { expire: 0 });
    await a.handler.set("event-page", fetchEntry("v2", ["event:8"]), fetchCtx(["event:8"]));
    expect((await b.handler.get("event-page", fetchCtx(["event:8"])))?.value).toMatchObject({ data: { body: "v2" } });
  });

  it("a page expires by the tags in its header; a stale mark elsewhere serves it once more, dated past its revalidate time", async () => {
    const a = await instance();
    const b = await instance();
    const page = (title: string) => ({ kind: "APP_PAGE", html: title, headers: { "x-next-cache-tags": "event:9,_N_T_/visitor/events/x" }, status: 200 });
    await b.handler.set("/visitor/events/x", page("v1"), { cacheControl: { revalidate: 60, expire: 31536000 } });
    const before = await b.handler.get("/visitor/events/x", { kind: "APP_PAGE" });

    await aMomentLater();
    await a.handler.revalidateTag("event:9", { expire: 60 });
    const stale = await b.handler.get("/visitor/events/x", { kind: "APP_PAGE" });
    expect(stale?.value).toMatchObject({ html: "v1" });
    // Next calls an entry stale when its age passes revalidate (60 s): the copy served is dated before that.
    expect(Date.now() - stale!.lastModified).toBeGreaterThan(60_000);
    expect(before!.lastModified).toBeGreaterThan(stale!.lastModified);

    await a.handler.revalidateTag("event:9", { expire: 0 });
    expect(await b.handler.get("/visitor/events/x", { kind: "APP_PAGE" })).toBeNull();
  });

  it("another build's entries are not read, but its tag expiries apply", async () => {
    const oldBuild = await instance(redisUrl, "build-old");
    const newBuild = await instance(redisUrl, "build-new");
    await oldBuild.handler.set("shared-key", fetchEntry("old build", ["event:11"]), fetchCtx(["event:11"]));
    expect(await newBuild.handler.get("shared-key", fetchCtx(["event:11"]))).toBeNull();
    await aMomentLater();
    await newBuild.handler.revalidateTag("event:11", { expire: 0 });
    expect(await oldBuild.handler.get("shared-key", fetchCtx(["event:11"]))).toBeNull();
  });

  it("with no REDIS_URL (the handler built into the image, no Redis given): misses without ever trying localhost's Redis", async () => {
    const { lines, log } = quietLog();
    const store = new RedisCacheStore({ url: "", keyPrefix, log });
    stores.push(store);
    const Handler = redisCacheHandler(() => store, { buildId: "build-1" });
    const handler = new Handler();
    const key = `no-url-${randomUUID()}`;
    await handler.set(key, { kind: "FETCH", data: { headers: {}, body: "e30=", status: 200, url: "" }, revalidate: 60 }, { tags: ["events"] });
    expect(await handler.get(key, { kind: "FETCH", tags: ["events"] })).toBeNull();
    // The machine's Redis (127.0.0.1:6379) is up in this suite: nothing went to it.
    expect(await admin.keys(`${keyPrefix}*:entry:${key}`)).toEqual([]);
    expect(lines.warn).toEqual([expect.stringContaining("REDIS_URL is not set")]);
  });

  it("with Redis unreachable from the start: misses, no-op writes, no throw, one log line however many requests", async () => {
    const { handler, lines } = await instance(`redis://127.0.0.1:${await closedPort()}`, "build-1", { wait: false });
    for (let i = 0; i < 20; i++) {
      await handler.set(`k${i}`, fetchEntry("x", ["events"]), fetchCtx(["events"]));
      expect(await handler.get(`k${i}`, fetchCtx(["events"]))).toBeNull();
      await handler.revalidateTag("events", { expire: 0 });
    }
    // Several reconnect attempts fail meanwhile (100, 200, 400 ms apart…).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(lines.warn).toHaveLength(1);
    expect(lines.warn[0]).toMatch(/Redis unavailable.*computed from the database/);
  });

  it("Redis lost mid-run: misses meanwhile, one line each way, and a tag expired during the outage is written once it is back", async () => {
    const port = await closedPort();
    const link = relay(port);
    await link.open();
    const cutOff = await instance(`redis://127.0.0.1:${port}`);
    const other = await instance();
    await other.handler.set("outage-entry", fetchEntry("before", ["event:13"]), fetchCtx(["event:13"]));
    expect(await cutOff.handler.get("outage-entry", fetchCtx(["event:13"]))).not.toBeNull();

    await link.cut();
    await until(() => cutOff.store.down);
    expect(await cutOff.handler.get("outage-entry", fetchCtx(["event:13"]))).toBeNull();
    await cutOff.handler.revalidateTag("event:13", { expire: 0 });
    expect(cutOff.store.pendingTags.has("event:13")).toBe(true);
    // Until it is back, the other instance has not heard of the edit.
    expect(await other.handler.get("outage-entry", fetchCtx(["event:13"]))).not.toBeNull();

    await link.open();
    await until(async () => (await other.handler.get("outage-entry", fetchCtx(["event:13"]))) === null);
    expect(cutOff.store.pendingTags.size).toBe(0);
    expect(cutOff.lines.warn).toHaveLength(1);
    expect(cutOff.lines.info).toEqual(["[cache] Redis reachable again: shared cache in use"]);
    await link.cut();
  });
});

beforeAll(() => {
  if (!reachable) console.warn(`Redis cache handler tests skipped: no Redis at ${redisUrl}`);
});
