import { TZDate, tzOffset } from "@date-fns/tz";
import { format } from "date-fns";

export type WallClock = { year: number; month: number; day: number; hour: number; minute: number };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d{1,3})?)?$/;

/** An HTML `date` value ("2026-12-03") that names a real calendar day, or null. */
export function parseDateInput(value: string): Pick<WallClock, "year" | "month" | "day"> | null {
  const match = DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1970 || year > 2999) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** An HTML `time` value ("14:00", or "14:00:00" when a browser sends seconds); seconds are dropped. */
export function parseTimeInput(value: string): Pick<WallClock, "hour" | "minute"> | null {
  const match = TIME.exec(value);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}

export type ZonedResult = { ok: true; at: Date } | { ok: false; reason: "gap" };

/**
 * The instant a wall clock shows in a zone. A time skipped by a spring-forward
 * (no instant shows it) is reported as a gap rather than silently moved, because
 * TZDate would shift it an hour and the event would start at a time nobody typed.
 * A time shown twice by a fall-back is the FIRST occurrence (still on daylight
 * time): TZDate alone picks either one depending on the zone, and "the first
 * 1:30" is what people mean when they don't say.
 */
export function zonedInstant(clock: WallClock, timeZone: string): ZonedResult {
  const naiveUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute);
  const guess = new TZDate(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, timeZone);
  const day = 24 * 60 * 60 * 1000;
  // Offsets in force around that day cover both sides of any transition on it.
  const offsets = new Set([guess.getTime() - day, guess.getTime(), guess.getTime() + day].map((t) => tzOffset(timeZone, new Date(t))));
  const candidates = [...offsets]
    .map((offset) => new Date(naiveUtc - offset * 60_000))
    .filter((at) => showsWallClock(at, clock, timeZone))
    .sort((a, b) => a.getTime() - b.getTime());
  const first = candidates[0];
  return first ? { ok: true, at: first } : { ok: false, reason: "gap" };
}

function showsWallClock(at: Date, clock: WallClock, timeZone: string): boolean {
  const back = new TZDate(at.getTime(), timeZone);
  return (
    back.getFullYear() === clock.year &&
    back.getMonth() === clock.month - 1 &&
    back.getDate() === clock.day &&
    back.getHours() === clock.hour &&
    back.getMinutes() === clock.minute
  );
}

/** "2:30 AM doesn't exist on March 14, 2027 in this time zone: clocks spring forward" */
export function gapMessage(clock: WallClock): string {
  const local = new Date(Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute));
  const asUtc = new TZDate(local.getTime(), "UTC");
  return `${format(asUtc, "h:mm a")} doesn't exist on ${format(asUtc, "MMMM d, yyyy")} in this time zone: clocks spring forward`;
}

/** The date and time inputs that show `at` in `timeZone` (for edit forms). */
export function toDateTimeInputs(at: Date, timeZone: string): { date: string; time: string } {
  const zoned = new TZDate(at.getTime(), timeZone);
  return { date: format(zoned, "yyyy-MM-dd"), time: format(zoned, "HH:mm") };
}
