import { describe, expect, it } from "vitest";
import { formatEventWhen, formatShortStart, isValidTimeZone, zoneLabel, zonesDiffer } from "./time";

describe("event times", () => {
  it("shows an event in its own zone with the generic zone name", () => {
    const when = formatEventWhen(new Date("2026-12-03T19:00:00Z"), new Date("2026-12-03T20:00:00Z"), "America/New_York");
    expect(when).toEqual({ date: "Thursday, December 3, 2026", time: "2:00 – 3:00 PM ET", zone: "ET" });
  });

  it("names both meridiems when a range crosses noon", () => {
    const when = formatEventWhen(new Date("2026-07-01T15:30:00Z"), new Date("2026-07-01T17:00:00Z"), "America/Chicago");
    expect(when.time).toBe("10:30 AM – 12:00 PM CT");
  });

  it("keeps the wall clock across the spring-forward change", () => {
    // 2027-03-14 is the US change day: 2:00 PM EDT is 18:00 UTC, a day earlier 2:00 PM EST was 19:00 UTC.
    expect(formatShortStart(new Date("2027-03-14T18:00:00Z"), "America/New_York")).toBe("Sun, Mar 14, 2:00 PM ET");
    expect(formatShortStart(new Date("2027-03-13T19:00:00Z"), "America/New_York")).toBe("Sat, Mar 13, 2:00 PM ET");
  });

  it("handles zones without daylight saving time", () => {
    expect(formatShortStart(new Date("2026-12-03T19:00:00Z"), "Pacific/Honolulu")).toBe("Thu, Dec 3, 9:00 AM HST");
    expect(formatShortStart(new Date("2026-12-03T19:00:00Z"), "Pacific/Guam")).toBe("Fri, Dec 4, 5:00 AM Guam Time");
  });

  it("spells out a range that ends on another day", () => {
    const when = formatEventWhen(new Date("2026-12-03T23:00:00Z"), new Date("2026-12-04T06:00:00Z"), "America/New_York");
    expect(when.time).toBe("6:00 PM – Fri, Dec 4, 1:00 AM ET");
  });

  it("tells whether two zones show a different clock", () => {
    const at = new Date("2026-12-03T19:00:00Z");
    expect(zonesDiffer("America/New_York", "America/Detroit", at)).toBe(false);
    expect(zonesDiffer("America/New_York", "America/Chicago", at)).toBe(true);
    expect(zoneLabel("America/Los_Angeles", at)).toBe("PT");
  });

  it("recognizes IANA zone names", () => {
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});
