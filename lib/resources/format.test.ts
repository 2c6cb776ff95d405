import { describe, expect, it } from "vitest";
import { formatFileSize } from "./format";

describe("formatFileSize", () => {
  it.each([
    [1, "1 byte"],
    [1023, "1023 bytes"],
    [1024, "1.0 KB"],
    [350 * 1024, "350 KB"],
    [1.25 * 1024 * 1024, "1.3 MB"],
    [50 * 1024 * 1024, "50 MB"],
    [3 * 1024 ** 3, "3.0 GB"],
  ])("%i bytes reads %s", (bytes, text) => {
    expect(formatFileSize(bytes)).toBe(text);
  });
});
