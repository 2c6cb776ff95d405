import { describe, expect, it } from "vitest";
import {
  describeRule,
  followingInstants,
  localTimesOf,
  MAX_OCCURRENCES,
  nthWeekdayOfMonth,
  occurrenceDates,
  occurrenceInstants,
  wallClockOf,
  weekOfMonth,
  type LocalDate,
  type SeriesRule,
} from "./series-rule";
import { zonedInstant } from "./wall-clock";

const NY = "America/New_York";
const d = (text: string): LocalDate => {
  const [year, month, day] = text.split("-").map(Number);
  return { year: year!, month: month!, day: day! };
};
const iso = (dates: LocalDate[]) => dates.map((x) => `${x.year}-${String(x.month).padStart(2, "0")}-${String(x.day).padStart(2, "0")}`);
const rule = (over: Partial<SeriesRule>): SeriesRule => ({ frequency: "weekly", monthlyWeek: null, count: null, until: null, ...over });

function datesOf(first: string, over: Partial<SeriesRule>) {
  const result = occurrenceDates(d(first), rule(over));
  if (!result.ok) throw new Error(result.message);
  return iso(result.value);
}

/** The occurrences' instants for an event at `start`–`end` local time on each date. */
function instants(first: string, over: Partial<SeriesRule>, start = "14:00", end = "15:00", timeZone = NY) {
  const result = occurrenceDates(d(first), rule(over));
  if (!result.ok) throw new Error(result.message);
  const [sh, sm] = start.split(":").map(Number);
  const [eh, em] = end.split(":").map(Number);
  const startsAt = zonedInstant({ ...d(first), hour: sh!, minute: sm! }, timeZone);
  const endsAt = zonedInstant({ ...d(first), hour: eh!, minute: em! }, timeZone);
  if (!startsAt.ok || !endsAt.ok) throw new Error("gap");
  const times = occurrenceInstants(result.value, localTimesOf({ startsAt: startsAt.at, endsAt: endsAt.at, rsvpDeadline: null, timeZone }));
  if (!times.ok) throw new Error(times.message);
  return times.value;
}

describe("occurrence dates", () => {
  it("weekly and every two weeks step by 7 and 14 days, across month and year ends", () => {
    expect(datesOf("2027-12-21", { count: 3 })).toEqual(["2027-12-21", "2027-12-28", "2028-01-04"]);
    expect(datesOf("2027-10-27", { frequency: "biweekly", count: 4 })).toEqual(["2027-10-27", "2027-11-10", "2027-11-24", "2027-12-08"]);
  });

  it("monthly on the second Tuesday finds each month's second Tuesday", () => {
    expect(datesOf("2027-01-12", { frequency: "monthly", monthlyWeek: 2, count: 6 })).toEqual([
      "2027-01-12",
      "2027-02-09",
      "2027-03-09",
      "2027-04-13",
      "2027-05-11",
      "2027-06-08",
    ]);
  });

  it("monthly on the last Thursday, including a month with five Thursdays and a new year", () => {
    expect(datesOf("2027-01-28", { frequency: "monthly", monthlyWeek: -1, count: 4 })).toEqual(["2027-01-28", "2027-02-25", "2027-03-25", "2027-04-29"]);
    expect(datesOf("2027-11-25", { frequency: "monthly", monthlyWeek: -1, count: 3 })).toEqual(["2027-11-25", "2027-12-30", "2028-01-27"]);
  });

  it("until is inclusive and counts the dates up to it", () => {
    expect(datesOf("2027-03-02", { until: d("2027-03-16") })).toEqual(["2027-03-02", "2027-03-09", "2027-03-16"]);
    expect(datesOf("2027-03-02", { until: d("2027-03-15") })).toEqual(["2027-03-02", "2027-03-09"]);
    expect(datesOf("2027-01-12", { frequency: "monthly", monthlyWeek: 2, until: d("2027-04-12") })).toEqual(["2027-01-12", "2027-02-09", "2027-03-09"]);
  });

  it("count and until make the same series when they agree", () => {
    expect(datesOf("2027-01-05", { count: 10 })).toEqual(datesOf("2027-01-05", { until: d("2027-03-09") }));
  });

  it("allows exactly the maximum, refuses more, with messages that say what to do", () => {
    expect(datesOf("2027-01-05", { count: MAX_OCCURRENCES })).toHaveLength(MAX_OCCURRENCES);
    expect(occurrenceDates(d("2027-01-05"), rule({ count: 53 }))).toEqual({
      ok: false,
      field: "repeatCount",
      message: "A series happens 2 to 52 times. Enter a number in that range.",
    });
    expect(occurrenceDates(d("2027-01-05"), rule({ count: 1 }))).toMatchObject({ ok: false, field: "repeatCount" });
    expect(occurrenceDates(d("2027-01-05"), rule({ until: d("2028-12-31") }))).toEqual({
      ok: false,
      field: "repeatUntil",
      message: "That end date makes more than 52 occurrences; a series can have at most 52. Choose an earlier date.",
    });
    expect(occurrenceDates(d("2027-01-05"), rule({ until: d("2027-01-05") }))).toEqual({
      ok: false,
      field: "repeatUntil",
      message: "The series must end after its first date, January 5, 2027.",
    });
    expect(occurrenceDates(d("2027-01-05"), rule({ until: d("2027-01-11") }))).toMatchObject({
      ok: false,
      field: "repeatUntil",
      message: expect.stringMatching(/^Only one date/),
    });
    expect(occurrenceDates(d("2027-01-05"), rule({}))).toMatchObject({ ok: false, field: "repeatCount" });
    expect(occurrenceDates(d("2027-01-05"), rule({ count: 3, until: d("2027-02-01") }))).toMatchObject({
      ok: false,
      field: "repeatCount",
      message: expect.stringContaining("not both"),
    });
  });

  it("refuses a first date that is not the chosen week of the month, naming the week it is", () => {
    expect(occurrenceDates(d("2027-01-05"), rule({ frequency: "monthly", monthlyWeek: 2, count: 3 }))).toEqual({
      ok: false,
      field: "monthlyWeek",
      message: "January 5, 2027 is the first Tuesday of its month, not the second. Choose that week, or a date that is the second Tuesday.",
    });
    expect(occurrenceDates(d("2027-01-21"), rule({ frequency: "monthly", monthlyWeek: -1, count: 3 }))).toMatchObject({ ok: false, field: "monthlyWeek" });
    expect(occurrenceDates(d("2027-01-12"), rule({ frequency: "monthly", monthlyWeek: null, count: 3 }))).toMatchObject({ ok: false, field: "monthlyWeek" });
    // The fourth Thursday of January 2027 is also its last: either rule accepts it.
    expect(datesOf("2027-01-28", { frequency: "monthly", monthlyWeek: 4, count: 2 })).toEqual(["2027-01-28", "2027-02-25"]);
  });

  it("weekOfMonth and nthWeekdayOfMonth agree", () => {
    expect(weekOfMonth(d("2027-04-29"))).toEqual({ nth: 5, last: true });
    expect(weekOfMonth(d("2027-04-22"))).toEqual({ nth: 4, last: false });
    expect(nthWeekdayOfMonth(2027, 2, 2, -1)).toEqual(d("2027-02-23"));
    expect(nthWeekdayOfMonth(2027, 6, 2, 1)).toEqual(d("2027-06-01"));
  });

  it("describes the rule in words", () => {
    expect(describeRule({ frequency: "monthly", monthlyWeek: 2 }, d("2027-01-12"))).toBe("the second Tuesday of every month");
    expect(describeRule({ frequency: "monthly", monthlyWeek: -1 }, d("2027-01-28"))).toBe("the last Thursday of every month");
    expect(describeRule({ frequency: "biweekly", monthlyWeek: null }, d("2027-10-27"))).toBe("every other Wednesday");
    expect(describeRule({ frequency: "weekly", monthlyWeek: null }, d("2027-10-26"))).toBe("every Tuesday");
  });
});

describe("occurrence instants keep the wall clock across DST", () => {
  it("second Tuesday, January to June 2027 in New York: 2 PM local, 19:00Z before March 14 and 18:00Z after", () => {
    const times = instants("2027-01-12", { frequency: "monthly", monthlyWeek: 2, count: 6 });
    expect(times.map((t) => t.startsAt.toISOString())).toEqual([
      "2027-01-12T19:00:00.000Z",
      "2027-02-09T19:00:00.000Z",
      "2027-03-09T19:00:00.000Z",
      "2027-04-13T18:00:00.000Z",
      "2027-05-11T18:00:00.000Z",
      "2027-06-08T18:00:00.000Z",
    ]);
    for (const t of times) {
      expect(wallClockOf(t.startsAt, NY)).toMatchObject({ hour: 14, minute: 0 });
      expect(wallClockOf(t.endsAt, NY)).toMatchObject({ hour: 15, minute: 0 });
    }
  });

  it("second Tuesday, October to December 2027: back to 19:00Z after November 7", () => {
    const times = instants("2027-10-12", { frequency: "monthly", monthlyWeek: 2, count: 3 });
    expect(times.map((t) => t.startsAt.toISOString())).toEqual(["2027-10-12T18:00:00.000Z", "2027-11-09T19:00:00.000Z", "2027-12-14T19:00:00.000Z"]);
  });

  it("weekly across the spring change and every two weeks across the autumn one", () => {
    expect(instants("2027-03-02", { count: 3 }).map((t) => t.startsAt.toISOString())).toEqual([
      "2027-03-02T19:00:00.000Z",
      "2027-03-09T19:00:00.000Z",
      "2027-03-16T18:00:00.000Z",
    ]);
    expect(instants("2027-10-27", { frequency: "biweekly", count: 3 }, "09:30", "10:15").map((t) => t.startsAt.toISOString())).toEqual([
      "2027-10-27T13:30:00.000Z",
      "2027-11-10T14:30:00.000Z",
      "2027-11-24T14:30:00.000Z",
    ]);
  });

  it("a zone without DST keeps the same UTC time", () => {
    expect(instants("2027-03-02", { count: 3 }, "14:00", "15:00", "America/Phoenix").map((t) => t.startsAt.toISOString())).toEqual([
      "2027-03-02T21:00:00.000Z",
      "2027-03-09T21:00:00.000Z",
      "2027-03-16T21:00:00.000Z",
    ]);
  });

  it("refuses a series whose time is skipped on one date, naming it", () => {
    const start = zonedInstant({ ...d("2027-02-28"), hour: 2, minute: 30 }, NY);
    const end = zonedInstant({ ...d("2027-02-28"), hour: 3, minute: 30 }, NY);
    if (!start.ok || !end.ok) throw new Error("gap");
    const dates = occurrenceDates(d("2027-02-28"), rule({ count: 3 }));
    if (!dates.ok) throw new Error(dates.message);
    const result = occurrenceInstants(dates.value, localTimesOf({ startsAt: start.at, endsAt: end.at, rsvpDeadline: null, timeZone: NY }));
    expect(result).toEqual({ ok: false, message: "On March 14, 2027: 2:30 AM doesn't exist on March 14, 2027 in this time zone: clocks spring forward." });
  });

  it("keeps an RSVP deadline the same local time and days before each start", () => {
    const start = new Date("2027-03-09T19:00:00Z");
    const times = occurrenceInstants(
      [d("2027-03-09"), d("2027-03-16")],
      localTimesOf({ startsAt: start, endsAt: new Date("2027-03-09T20:00:00Z"), rsvpDeadline: new Date("2027-03-08T17:00:00Z"), timeZone: NY }),
    );
    if (!times.ok) throw new Error(times.message);
    expect(times.value.map((t) => t.rsvpDeadline?.toISOString())).toEqual(["2027-03-08T17:00:00.000Z", "2027-03-15T16:00:00.000Z"]);
  });
});

describe("following occurrences after a 'this and following' edit", () => {
  const at = (text: string) => new Date(text);
  it("move by the edited one's shift in days and take its new local time, across DST", () => {
    const before = { startsAt: at("2027-03-02T19:00:00Z"), endsAt: at("2027-03-02T20:00:00Z"), rsvpDeadline: null, timeZone: NY };
    // Tuesday 2 PM → Wednesday 3 PM.
    const after = { startsAt: at("2027-03-03T20:00:00Z"), endsAt: at("2027-03-03T21:00:00Z"), rsvpDeadline: null, timeZone: NY };
    const later = { startsAt: at("2027-03-16T18:00:00Z"), endsAt: at("2027-03-16T19:00:00Z"), rsvpDeadline: null, timeZone: NY };
    const moved = followingInstants({ before, after }, later);
    expect(moved).toEqual({ ok: true, value: { startsAt: at("2027-03-17T19:00:00Z"), endsAt: at("2027-03-17T20:00:00Z"), rsvpDeadline: null } });
  });
});
