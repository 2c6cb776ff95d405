import { TZDate } from "@date-fns/tz";
import { addDays, differenceInCalendarDays, format } from "date-fns";
import { z } from "zod";

/** The period a reach dashboard covers: whole days in the viewer's time zone, from and to inclusive. */

export const REACH_DEFAULT_DAYS = 90;
/** A year and a day, so "this date last year to today" fits; longer periods are refused rather than slow. */
export const REACH_MAX_DAYS = 366;
export const REACH_INTERVALS = ["week", "month"] as const;
export type ReachInterval = (typeof REACH_INTERVALS)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 2000 && y <= 2100 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const dateField = (what: string) =>
  z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      if (v === "" || isCalendarDate(v)) return;
      ctx.addIssue({
        code: "custom",
        message: ISO_DATE.test(v)
          ? `Enter the ${what} date as a real date between 2000 and 2100, for example 2026-03-31.`
          : `Enter the ${what} date as YYYY-MM-DD, for example 2026-03-31.`,
      });
    });

/** What the dashboard's GET form sends. Empty or missing fields take the defaults. */
export const reachPeriodSchema = z
  .object({
    from: dateField("start").optional(),
    to: dateField("end").optional(),
    by: z.enum(REACH_INTERVALS, { error: "Choose week or month." }).optional(),
  })
  .strip();

export type ReachPeriodInput = z.input<typeof reachPeriodSchema>;

export type ReachPeriod = {
  /** YYYY-MM-DD, inclusive, in `timeZone`. */
  from: string;
  to: string;
  by: ReachInterval;
  timeZone: string;
  /** The instants the days cover: start inclusive, end exclusive. */
  start: Date;
  end: Date;
};

export type ReachPeriodResult = { period: ReachPeriod; errors: Record<string, string[]>; values: { from: string; to: string; by: string } };

/** Midnight at the start of a YYYY-MM-DD day in a zone. */
function startOfDayIn(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime());
}

export function dayIn(at: Date, timeZone: string): string {
  return format(new TZDate(at.getTime(), timeZone), "yyyy-MM-dd");
}

function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return format(addDays(new Date(y, m - 1, d), days), "yyyy-MM-dd");
}

function daysBetween(from: string, to: string): number {
  const parse = (s: string) => {
    const [y, m, d] = s.split("-").map(Number) as [number, number, number];
    return new Date(y, m - 1, d);
  };
  return differenceInCalendarDays(parse(to), parse(from));
}

export function makePeriod(from: string, to: string, by: ReachInterval, timeZone: string): ReachPeriod {
  return { from, to, by, timeZone, start: startOfDayIn(from, timeZone), end: startOfDayIn(shiftDay(to, 1), timeZone) };
}

/** The last `REACH_DEFAULT_DAYS` days up to today, or what `defaults` says (an event's own life). */
export function defaultPeriod(timeZone: string, now: Date, defaults?: { from: string; to: string }): ReachPeriod {
  const to = defaults?.to ?? dayIn(now, timeZone);
  const from = defaults?.from ?? shiftDay(to, -(REACH_DEFAULT_DAYS - 1));
  return makePeriod(from, to, "week", timeZone);
}

/** The first value of a search parameter that may be repeated. */
function first(value: unknown): string | undefined {
  if (Array.isArray(value)) return typeof value[0] === "string" ? value[0] : undefined;
  return typeof value === "string" ? value : undefined;
}

/**
 * Reads the period from a page's or a CSV link's search parameters. A refused value keeps what
 * was typed (to show beside its message) and the dashboard shows the default period meanwhile.
 */
export function parseReachPeriod(
  raw: Record<string, unknown>,
  { timeZone, now = new Date(), defaults }: { timeZone: string; now?: Date; defaults?: { from: string; to: string } },
): ReachPeriodResult {
  const fallback = defaultPeriod(timeZone, now, defaults);
  const values = { from: first(raw.from) ?? "", to: first(raw.to) ?? "", by: first(raw.by) ?? "" };
  const parsed = reachPeriodSchema.safeParse({ from: values.from || undefined, to: values.to || undefined, by: values.by || undefined });
  if (!parsed.success) {
    const errors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "from")] ??= []).push(issue.message);
    return { period: fallback, errors, values };
  }
  const from = parsed.data.from || fallback.from;
  const to = parsed.data.to || fallback.to;
  const by = parsed.data.by ?? fallback.by;
  const shown = { from, to, by };
  if (daysBetween(from, to) < 0) return { period: fallback, errors: { to: ["The end date must be on or after the start date."] }, values: shown };
  if (daysBetween(from, to) + 1 > REACH_MAX_DAYS) {
    return { period: fallback, errors: { to: [`Choose a period of at most ${REACH_MAX_DAYS} days.`] }, values: shown };
  }
  return { period: makePeriod(from, to, by, timeZone), errors: {}, values: shown };
}
