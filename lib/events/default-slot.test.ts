import { describe, expect, it } from "vitest";
import { nextFreeSlot, SLOT_SEARCH_WEEKDAYS } from "./default-slot";
import { zonedInstant } from "./wall-clock";

const NY = "America/New_York";
const at = (iso: string) => new Date(iso);
const slotOf = (s: ReturnType<typeof nextFreeSlot>) => [s.date, s.startTime, s.endTime];

describe("nextFreeSlot", () => {
  it("offers today at 14:00 for one hour when the morning is young", () => {
    // Tuesday 2026-12-01, 09:00 in New York.
    const slot = nextFreeSlot(at("2026-12-01T14:00:00Z"), NY);
    expect(slotOf(slot)).toEqual(["2026-12-01", "14:00", "15:00"]);
    expect(slot.startsAt.toISOString()).toBe("2026-12-01T19:00:00.000Z");
  });

  it("late in the day (and at 14:00 exactly) moves to the next weekday", () => {
    expect(nextFreeSlot(at("2026-12-01T22:30:00Z"), NY).date).toBe("2026-12-02"); // Tuesday 17:30
    expect(nextFreeSlot(at("2026-12-01T19:00:00Z"), NY).date).toBe("2026-12-02"); // Tuesday 14:00 sharp: already begun
    expect(nextFreeSlot(at("2026-12-01T18:59:00Z"), NY).date).toBe("2026-12-01"); // 13:59: still ahead
  });

  it("goes from a Friday afternoon, and from a weekend, to Monday", () => {
    expect(nextFreeSlot(at("2026-12-04T21:00:00Z"), NY).date).toBe("2026-12-07"); // Friday 16:00
    expect(nextFreeSlot(at("2026-12-05T15:00:00Z"), NY).date).toBe("2026-12-07"); // Saturday
    expect(nextFreeSlot(at("2026-12-06T15:00:00Z"), NY).date).toBe("2026-12-07"); // Sunday
  });

  it("reads the day and the hour in the organizer's zone, not the server's", () => {
    // 2026-12-02 03:00 UTC is still Tuesday evening in Los Angeles but Wednesday morning in Tokyo.
    const now = at("2026-12-02T03:00:00Z");
    expect(slotOf(nextFreeSlot(now, "America/Los_Angeles"))).toEqual(["2026-12-02", "14:00", "15:00"]);
    expect(nextFreeSlot(now, "America/Los_Angeles").startsAt.toISOString()).toBe("2026-12-02T22:00:00.000Z");
    expect(nextFreeSlot(now, "Asia/Tokyo").startsAt.toISOString()).toBe("2026-12-02T05:00:00.000Z");
  });

  it("keeps 14:00 local across a DST change: the hour before and after the switch differ in UTC", () => {
    // US clocks spring forward on Sunday 2027-03-14: Friday before is EST (UTC-5), Monday after is EDT (UTC-4).
    const friday = nextFreeSlot(at("2027-03-12T14:00:00Z"), NY);
    const monday = nextFreeSlot(at("2027-03-12T21:00:00Z"), NY);
    expect([friday.date, friday.startsAt.toISOString()]).toEqual(["2027-03-12", "2027-03-12T19:00:00.000Z"]);
    expect([monday.date, monday.startTime, monday.endTime, monday.startsAt.toISOString()]).toEqual([
      "2027-03-15",
      "14:00",
      "15:00",
      "2027-03-15T18:00:00.000Z",
    ]);
    // And back in November: Friday is EDT, Monday after the fall-back is EST.
    expect(nextFreeSlot(at("2026-10-30T20:00:00Z"), NY).startsAt.toISOString()).toBe("2026-11-02T19:00:00.000Z");
  });

  it("skips a weekday whose 14:00 a published event already starts at, and only that exact start", () => {
    const now = at("2026-12-01T14:00:00Z");
    const tuesday = zonedInstant({ year: 2026, month: 12, day: 1, hour: 14, minute: 0 }, NY);
    if (!tuesday.ok) throw new Error("no such time");
    expect(nextFreeSlot(now, NY, [tuesday.at]).date).toBe("2026-12-02");
    // 14:30 is not the same slot: Tuesday stays free.
    expect(nextFreeSlot(now, NY, [new Date(tuesday.at.getTime() + 30 * 60_000)]).date).toBe("2026-12-01");
  });

  it("settles on the first candidate when every weekday it looks at is taken", () => {
    const now = at("2026-12-01T14:00:00Z");
    const taken: Date[] = [];
    for (let slot = nextFreeSlot(now, NY); taken.length < SLOT_SEARCH_WEEKDAYS; slot = nextFreeSlot(now, NY, taken)) taken.push(slot.startsAt);
    expect(new Set(taken.map((d) => d.toISOString())).size).toBe(SLOT_SEARCH_WEEKDAYS);
    expect(nextFreeSlot(now, NY, taken).date).toBe("2026-12-01");
  });
});
