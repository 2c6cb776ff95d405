import { describe, expect, it } from "vitest";
import { isSameOriginRequest } from "./same-origin";

const post = (headers: Record<string, string>) =>
  new Request("http://localhost:3000/manage/resources/upload", { method: "POST", headers: { host: "localhost:3000", ...headers } });

describe("same-origin uploads", () => {
  it("accepts a post from this site", () => {
    expect(isSameOriginRequest(post({ origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }))).toBe(true);
  });

  it("uses the host the browser saw behind a proxy", () => {
    expect(isSameOriginRequest(post({ origin: "https://convene.gsa.gov", "x-forwarded-host": "convene.gsa.gov" }))).toBe(true);
  });

  it.each([
    ["another site", { origin: "https://evil.example" }],
    ["a lookalike port", { origin: "http://localhost:3001" }],
    ["no origin", {}],
    ["an opaque origin", { origin: "null" }],
    ["a cross-site fetch", { origin: "http://localhost:3000", "sec-fetch-site": "cross-site" }],
  ])("refuses %s", (_label, headers) => {
    expect(isSameOriginRequest(post(headers))).toBe(false);
  });
});
