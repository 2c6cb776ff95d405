import { describe, expect, it } from "vitest";
import { chooseRequestId, SAFE_REQUEST_ID, trustedProxyHops } from "./log-request-id.mjs";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("which x-request-id a request keeps", () => {
  it("keeps a safe id only from a trusted proxy", () => {
    expect(chooseRequestId("lb-7f3a9c2e-0001", 1)).toBe("lb-7f3a9c2e-0001");
    expect(chooseRequestId("Root=1-67891233-abcdef012345678912345678", 2)).toMatch(UUID); // '=' is not in the safe set
    expect(chooseRequestId("lb-7f3a9c2e-0001", 0)).toMatch(UUID);
  });

  it("makes a new one for anything unsafe, even behind a trusted proxy", () => {
    for (const unsafe of [
      "short",
      "x".repeat(129),
      "has space inside",
      "line\nbreak-injected",
      "<script>alert(1)</script>",
      "-leading-dash",
      "ünïcode-id-1234",
      "",
    ]) {
      expect(chooseRequestId(unsafe, 1), unsafe).toMatch(UUID);
    }
    expect(chooseRequestId(undefined, 1)).toMatch(UUID);
    expect(chooseRequestId(["first-id-12345678", "second-id-12345678"], 1)).toBe("first-id-12345678");
  });

  it("generates a different id each time, which passes its own pattern", () => {
    const ids = new Set(Array.from({ length: 50 }, () => chooseRequestId(null, 0)));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(SAFE_REQUEST_ID.test(id)).toBe(true);
  });

  it("reads TRUSTED_PROXY_HOPS as lib/env.ts would, trusting nobody when it is unset or odd", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("0")).toBe(0);
    expect(trustedProxyHops("-2")).toBe(0);
    expect(trustedProxyHops("two")).toBe(0);
    expect(trustedProxyHops("2")).toBe(2);
  });
});
