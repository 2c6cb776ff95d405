import { describe, expect, it } from "vitest";
import { visitorPathFor, visitorViewOf } from "./visitor-pages";

describe("cached visitor pages", () => {
  it("have a twin for the home page, the event list, event pages and the library only", () => {
    expect(visitorPathFor("/")).toBe("/visitor/home");
    expect(visitorPathFor("/events")).toBe("/visitor/events");
    expect(visitorPathFor("/resources")).toBe("/visitor/resources");
    expect(visitorPathFor("/events/plain-language-2026-12-03")).toBe("/visitor/events/plain-language-2026-12-03");
    expect(visitorPathFor("/events/plain-language-2026-12-03", "/signed-in")).toBe("/signed-in/events/plain-language-2026-12-03");
    for (const other of [
      "/about",
      "/resources/abc",
      "/events/x/calendar.ics",
      "/events/",
      "/account",
      "/account/events",
      "/visitor/events",
      "/signed-in/events",
    ]) {
      expect(visitorPathFor(other), other).toBeNull();
    }
  });

  it("cache nothing for an address that cannot be an event's", () => {
    for (const slug of ["Plain-Language", "-leading-dash", "dots.in.it", "%2e%2e", "a".repeat(101)]) {
      expect(visitorPathFor(`/events/${slug}`), slug).toBeNull();
    }
  });

  it("map each twin back to the page it stands for, and nothing else", () => {
    for (const path of ["/", "/events", "/resources", "/events/plain-language-2026-12-03"]) {
      const segments = visitorPathFor(path)!.split("/").slice(2);
      expect(visitorViewOf(segments)).not.toBeNull();
    }
    expect(visitorViewOf(["events", "plain-language-2026-12-03"])).toEqual({ kind: "event", slug: "plain-language-2026-12-03" });
    expect(visitorViewOf(["account"])).toBeNull();
    expect(visitorViewOf(["events", "a", "b"])).toBeNull();
    expect(visitorViewOf(["home", "x"])).toBeNull();
  });
});
