import { describe, expect, it } from "vitest";
import { RecentEntries } from "./recent-entries.mjs";

describe("RecentEntries", () => {
  it("keeps at most its size, dropping the least recently used first", () => {
    const recent = new RecentEntries(100);
    recent.set("a", "A", 40);
    recent.set("b", "B", 40);
    expect(recent.get("a")).toBe("A");
    recent.set("c", "C", 40);
    expect(recent.get("b")).toBeUndefined();
    expect(recent.get("a")).toBe("A");
    expect(recent.get("c")).toBe("C");
    expect(recent.bytes).toBe(80);
  });

  it("replaces an entry in place and never keeps one larger than the whole", () => {
    const recent = new RecentEntries(100);
    recent.set("a", "A1", 60);
    recent.set("a", "A2", 30);
    expect(recent.get("a")).toBe("A2");
    expect(recent.bytes).toBe(30);
    recent.set("huge", "H", 101);
    expect(recent.get("huge")).toBeUndefined();
    expect(recent.get("a")).toBe("A2");
  });
});
