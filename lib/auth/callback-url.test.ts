import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

describe("safeCallbackPath", () => {
  it.each([
    ["/events/plain-language", "/events/plain-language"],
    ["/events?when=past&page=2", "/events?when=past&page=2"],
    ["/account#profile", "/account#profile"],
  ])("keeps the site path %s", (raw, expected) => {
    expect(safeCallbackPath(raw)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    "http:/evil.example",
  ])("turns %j into the home page", (raw) => {
    expect(safeCallbackPath(raw)).toBe("/");
  });

  it("refuses non-strings and very long values", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(["/a"])).toBe("/");
    expect(safeCallbackPath(`/${"a".repeat(3000)}`)).toBe("/");
  });
});
