import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientIp, PEER_ADDRESS_HEADER, peerAddressPreloaded, rateLimitKey } from "./request-ip";

// The preload `npm start` runs (node --import), loaded before the server below is made.
await import(pathToFileURL(path.resolve("scripts/peer-address.mjs")).href);

/** A real HTTP server that answers with the client address clientIp() picks, as a server action would see it. */
let origin = "";
let server: http.Server;
beforeAll(async () => {
  server = http.createServer((request, response) => {
    const hops = Number(new URL(request.url ?? "/", "http://x").searchParams.get("hops"));
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
    response.end(clientIp(headers, hops));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function seenAs(hops: number, headers: Record<string, string> = {}) {
  return (await fetch(`${origin}/?hops=${hops}`, { headers })).text();
}

describe("the client address for rate limits", () => {
  it("is the socket address by default, whatever X-Forwarded-For or our own header the client sends", async () => {
    expect(peerAddressPreloaded()).toBe(true);
    expect(await seenAs(0)).toBe("127.0.0.1");
    expect(await seenAs(0, { "X-Forwarded-For": "203.0.113.5" })).toBe("127.0.0.1");
    expect(await seenAs(0, { "X-Forwarded-For": "198.51.100.1, 203.0.113.5" })).toBe("127.0.0.1");
    expect(await seenAs(0, { [PEER_ADDRESS_HEADER]: "203.0.113.6", "X-Real-IP": "203.0.113.7" })).toBe("127.0.0.1");
  });

  it("with N trusted proxies is the Nth X-Forwarded-For entry from the right", async () => {
    const chain = "192.0.2.66, 203.0.113.5, 198.51.100.9";
    expect(await seenAs(1, { "X-Forwarded-For": chain })).toBe("198.51.100.9");
    expect(await seenAs(2, { "X-Forwarded-For": chain })).toBe("203.0.113.5");
    expect(await seenAs(3, { "X-Forwarded-For": chain })).toBe("192.0.2.66");
  });

  it("falls back to the socket when the request passed through fewer proxies than configured", async () => {
    expect(await seenAs(2, { "X-Forwarded-For": "203.0.113.5" })).toBe("127.0.0.1");
    expect(await seenAs(1)).toBe("127.0.0.1");
  });

  it("counts IPv6 per /64, IPv4-mapped IPv6 as IPv4, and junk as one shared bucket", () => {
    expect(rateLimitKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(rateLimitKey("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(rateLimitKey("[2001:db8:1:2::9]:443")).toBe("2001:db8:1:2::/64");
    expect(rateLimitKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(rateLimitKey("192.0.2.1:8080")).toBe("192.0.2.1");
    expect(rateLimitKey("not-an-address")).toBe("unknown");
    expect(rateLimitKey("")).toBe("unknown");
    expect(rateLimitKey(null)).toBe("unknown");
  });
});
