import { TZDate } from "@date-fns/tz";
import { gapMessage, zonedInstant, type WallClock } from "./wall-clock";

/**
 * A recurring series' rule and the occurrences it makes, as pure functions: local calendar
 * dates first (no time zone involved), then each date's instants in the event's zone, so the
 * wall-clock time stays and the UTC instant moves across a DST change. lib/events/series.ts
 * writes what these return; nothing here reads the database or the clock.
 */

export const SERIES_FREQUENCIES = ["weekly", "biweekly", "monthly"] as const;
export type SeriesFrequency = (typeof SERIES_FREQUENCIES)[number];
/** Which weekday of the month a monthly series keeps: the 1st to 4th, or -1 for the last. */
export type MonthlyWeek = 1 | 2 | 3 | 4 | -1;
export const MONTHLY_WEEKS: readonly MonthlyWeek[] = [1, 2, 3, 4, -1];

/** A series has at least two occurrences and at most this many. */
export const MAX_OCCURRENCES = 52;
export const MIN_OCCURRENCES = 2;

export type LocalDate = Pick<WallClock, "year" | "month" | "day">;

/** How a series repeats and how it ends: after `count` occurrences, or on `until` (a local date, inclusive). */
export type SeriesRule = {
  frequency: SeriesFrequency;
  monthlyWeek: MonthlyWeek | null;
  count: number | null;
  until: LocalDate | null;
};

export type RuleProblem = { ok: false; field: "repeatCount" | "repeatUntil" | "monthlyWeek"; message: string };
export type RuleResult<T> = { ok: true; value: T } | RuleProblem;

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const ORDINALS: Record<MonthlyWeek, string> = { 1: "first", 2: "second", 3: "third", 4: "fourth", [-1]: "last" };

const serial = (date: LocalDate) => Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
const fromSerial = (days: number): LocalDate => {
  const d = new Date(days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};

export function addLocalDays(date: LocalDate, days: number): LocalDate {
  return fromSerial(serial(date) + days);
}

/** Whole calendar days from `a` to `b`. */
export function localDaysBetween(a: LocalDate, b: LocalDate): number {
  return serial(b) - serial(a);
}

export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "January 12, 2027" */
export function formatLocalDate(date: LocalDate): string {
  return `${MONTHS[date.month - 1]} ${date.day}, ${date.year}`;
}

/** Which weekday-of-the-month a date is: its nth (1 to 5) and whether it is also the last. */
export function weekOfMonth(date: LocalDate): { nth: number; last: boolean } {
  return { nth: Math.floor((date.day - 1) / 7) + 1, last: date.day + 7 > daysInMonth(date.year, date.month) };
}

function matchesWeek(date: LocalDate, week: MonthlyWeek): boolean {
  const { nth, last } = weekOfMonth(date);
  return week === -1 ? last : nth === week;
}

/** The `week`th `weekday` of a month (week -1: the last one). */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, week: MonthlyWeek): LocalDate {
  if (week === -1) {
    const lastDay = daysInMonth(year, month);
    const lastWeekday = weekdayOf({ year, month, day: lastDay });
    return { year, month, day: lastDay - ((lastWeekday - weekday + 7) % 7) };
  }
  const firstWeekday = weekdayOf({ year, month, day: 1 });
  return { year, month, day: 1 + ((weekday - firstWeekday + 7) % 7) + (week - 1) * 7 };
}

/** "every week", "every two weeks", "the second Tuesday of every month": how pages name a rule. */
export function describeRule(rule: Pick<SeriesRule, "frequency" | "monthlyWeek">, first: LocalDate): string {
  const weekday = WEEKDAYS[weekdayOf(first)];
  if (rule.frequency === "weekly") return `every ${weekday}`;
  if (rule.frequency === "biweekly") return `every other ${weekday}`;
  return `the ${ORDINALS[rule.monthlyWeek ?? 1]} ${weekday} of every month`;
}

/** The `index`th date of the rule counting the first as 0, or null when no such date can exist. */
function nthDate(first: LocalDate, rule: SeriesRule, index: number): LocalDate {
  if (rule.frequency === "weekly") return addLocalDays(first, 7 * index);
  if (rule.frequency === "biweekly") return addLocalDays(first, 14 * index);
  const months = first.month - 1 + index;
  return nthWeekdayOfMonth(first.year + Math.floor(months / 12), (months % 12) + 1, weekdayOf(first), rule.monthlyWeek ?? 1);
}

/**
 * The local dates of every occurrence, the first date included. Refused, with a message for the
 * field to fix: a monthly rule whose week the first date is not, a count or an end date outside
 * 2 to MAX_OCCURRENCES occurrences, an end date before the first.
 */
export function occurrenceDates(first: LocalDate, rule: SeriesRule): RuleResult<LocalDate[]> {
  if (rule.frequency === "monthly") {
    const week = rule.monthlyWeek;
    if (week === null) return { ok: false, field: "monthlyWeek", message: "Choose which week of the month the event repeats on." };
    if (!matchesWeek(first, week)) {
      const { nth, last } = weekOfMonth(first);
      const weekday = WEEKDAYS[weekdayOf(first)];
      const is = nth <= 4 ? `the ${ORDINALS[nth as MonthlyWeek]}${last ? ` and last` : ""} ${weekday}` : `the last ${weekday}`;
      return {
        ok: false,
        field: "monthlyWeek",
        message: `${formatLocalDate(first)} is ${is} of its month, not the ${ORDINALS[week]}. Choose that week, or a date that is the ${ORDINALS[week]} ${weekday}.`,
      };
    }
  }
  if (rule.count !== null && rule.until !== null) {
    return { ok: false, field: "repeatCount", message: "Enter either how many times the event happens or the date of the last one, not both." };
  }
  if (rule.count !== null) {
    if (!Number.isInteger(rule.count) || rule.count < MIN_OCCURRENCES || rule.count > MAX_OCCURRENCES) {
      return { ok: false, field: "repeatCount", message: `A series happens ${MIN_OCCURRENCES} to ${MAX_OCCURRENCES} times. Enter a number in that range.` };
    }
    return { ok: true, value: Array.from({ length: rule.count }, (_, index) => nthDate(first, rule, index)) };
  }
  if (rule.until === null) {
    return { ok: false, field: "repeatCount", message: "Enter how many times the event happens, or the date of the last one." };
  }
  const until = rule.until;
  if (serial(until) <= serial(first)) {
    return { ok: false, field: "repeatUntil", message: `The series must end after its first date, ${formatLocalDate(first)}.` };
  }
  const dates: LocalDate[] = [];
  for (let index = 0; ; index++) {
    const date = nthDate(first, rule, index);
    if (serial(date) > serial(until)) break;
    dates.push(date);
    if (dates.length > MAX_OCCURRENCES) {
      return {
        ok: false,
        field: "repeatUntil",
        message: `That end date makes more than ${MAX_OCCURRENCES} occurrences; a series can have at most ${MAX_OCCURRENCES}. Choose an earlier date.`,
      };
    }
  }
  if (dates.length < MIN_OCCURRENCES) {
    return { ok: false, field: "repeatUntil", message: `Only one date falls by ${formatLocalDate(until)}. Choose a later end date.` };
  }
  return { ok: true, value: dates };
}

/** The wall clock an instant shows in a zone. */
export function wallClockOf(at: Date, timeZone: string): WallClock {
  const zoned = new TZDate(at.getTime(), timeZone);
  return { year: zoned.getFullYear(), month: zoned.getMonth() + 1, day: zoned.getDate(), hour: zoned.getHours(), minute: zoned.getMinutes() };
}

/** An event's times as local shape: the start's wall clock, and the end and deadline as (days after the start's date, time of day). */
export type LocalTimes = {
  timeZone: string;
  start: WallClock;
  end: { days: number; hour: number; minute: number };
  deadline: { days: number; hour: number; minute: number } | null;
};

export type Instants = { startsAt: Date; endsAt: Date; rsvpDeadline: Date | null };

export function localTimesOf({ startsAt, endsAt, rsvpDeadline, timeZone }: Instants & { timeZone: string }): LocalTimes {
  const start = wallClockOf(startsAt, timeZone);
  const relative = (at: Date) => {
    const clock = wallClockOf(at, timeZone);
    return { days: localDaysBetween(start, clock), hour: clock.hour, minute: clock.minute };
  };
  return { timeZone, start, end: relative(endsAt), deadline: rsvpDeadline ? relative(rsvpDeadline) : null };
}

/**
 * The instants of an event on `date` with the same local times as `times`: what keeps 2 PM at
 * 2 PM when daylight saving time begins. A time the clocks skip on that date is refused.
 */
export function instantsOn(date: LocalDate, times: LocalTimes): { ok: true; value: Instants } | { ok: false; message: string } {
  const at = (days: number, hour: number, minute: number) => {
    const clock = { ...addLocalDays(date, days), hour, minute };
    const result = zonedInstant(clock, times.timeZone);
    return result.ok ? { ok: true as const, at: result.at } : { ok: false as const, message: `On ${formatLocalDate(date)}: ${gapMessage(clock)}.` };
  };
  const start = at(0, times.start.hour, times.start.minute);
  if (!start.ok) return start;
  const end = at(times.end.days, times.end.hour, times.end.minute);
  if (!end.ok) return end;
  const deadline = times.deadline ? at(times.deadline.days, times.deadline.hour, times.deadline.minute) : null;
  if (deadline && !deadline.ok) return deadline;
  return { ok: true, value: { startsAt: start.at, endsAt: end.at, rsvpDeadline: deadline ? deadline.at : null } };
}

/** Every occurrence's instants, or the first date whose time does not exist there. */
export function occurrenceInstants(dates: LocalDate[], times: LocalTimes): { ok: true; value: Instants[] } | { ok: false; message: string } {
  const value: Instants[] = [];
  for (const date of dates) {
    const result = instantsOn(date, times);
    if (!result.ok) return result;
    value.push(result.value);
  }
  return { ok: true, value };
}

/**
 * Where a "this and following" edit puts a later occurrence: the edited one moved by some
 * days and took new local times, so the later one moves by as many days (from its own local
 * date, in its own zone) and takes the same new times.
 */
export function followingInstants(
  edited: { before: Instants & { timeZone: string }; after: Instants & { timeZone: string } },
  later: Instants & { timeZone: string },
) {
  const before = wallClockOf(edited.before.startsAt, edited.before.timeZone);
  const after = localTimesOf(edited.after);
  const shift = localDaysBetween(before, after.start);
  const laterDate = addLocalDays(wallClockOf(later.startsAt, later.timeZone), shift);
  return instantsOn(laterDate, after);
}
