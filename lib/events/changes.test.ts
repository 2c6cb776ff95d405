import { describe, expect, it } from "vitest";
import { eventInput } from "@/test/factories";
import { capacityRaised, changedFields, whoHears } from "./changes";

const saved = eventInput();

describe("changedFields", () => {
  it("sees no change in equal instants, lists and hosts held in new objects", () => {
    const copy = structuredClone(saved);
    expect(changedFields(saved, copy)).toEqual([]);
  });

  it("names each field that differs, in the form's order", () => {
    const edited = { ...saved, capacity: 40, startsAt: new Date("2030-12-03T19:30:00Z"), hosts: [{ name: "Ana Ruiz", role: "Host" }] };
    expect(changedFields(saved, edited)).toEqual(["startsAt", "capacity", "hosts"]);
    expect(changedFields({ ...saved, rsvpDeadline: new Date("2030-12-01T00:00:00Z") }, saved)).toEqual(["rsvpDeadline"]);
  });
});

describe("whoHears", () => {
  it("tells nobody about a draft, calendars about text, and people going about time or place", () => {
    expect(whoHears(["startsAt"], false)).toEqual({ scheduleChanged: false, calendarChanged: false });
    expect(whoHears(["summary"], true)).toEqual({ scheduleChanged: false, calendarChanged: true });
    expect(whoHears(["location"], true)).toEqual({ scheduleChanged: true, calendarChanged: true });
    expect(whoHears(["capacity", "tags", "body"], true)).toEqual({ scheduleChanged: false, calendarChanged: false });
  });
});

describe("capacityRaised", () => {
  it("is true for more seats or no limit, false for fewer or the same", () => {
    expect([
      capacityRaised(10, 12),
      capacityRaised(10, null),
      capacityRaised(10, 8),
      capacityRaised(10, 10),
      capacityRaised(null, 10),
      capacityRaised(null, null),
    ]).toEqual([true, true, false, false, false, false]);
  });
});
