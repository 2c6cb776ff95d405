import { describe, expect, it } from "vitest";
import { resolveRange } from "./range";

describe("resolveRange", () => {
  it.each([
    [null, 100, null],
    ["bytes=0-9", 100, { start: 0, end: 9 }],
    ["bytes=90-", 100, { start: 90, end: 99 }],
    ["bytes=-10", 100, { start: 90, end: 99 }],
    ["bytes=-500", 100, { start: 0, end: 99 }],
    ["bytes=50-5000", 100, { start: 50, end: 99 }],
    ["bytes=99-99", 100, { start: 99, end: 99 }],
    ["bytes=100-", 100, "unsatisfiable"],
    ["bytes=200-300", 100, "unsatisfiable"],
    ["bytes=-0", 100, "unsatisfiable"],
    // Ignored, so the whole file is sent: other units, bad syntax, several ranges.
    ["items=0-9", 100, null],
    ["bytes=9-0", 100, null],
    ["bytes=-", 100, null],
    ["bytes=0-1,5-6", 100, null],
    ["bytes=a-b", 100, null],
  ] as const)("%s of %i bytes", (header, size, expected) => {
    expect(resolveRange(header, size)).toEqual(expected);
  });
});
