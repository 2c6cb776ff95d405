import { TZDate } from "@date-fns/tz";
import { zonedInstant } from "./wall-clock";

/** The slot a new event starts in: a weekday at 14:00 in the organizer's zone, one hour long. */
export const DEFAULT_START = { hour: 14, minute: 0 };
export const DEFAULT_LENGTH_MINUTES = 60;
/** How many weekdays ahead to look for a free one before settling on the first (taken) candidate. */
export const SLOT_SEARCH_WEEKDAYS = 20;

export type DefaultSlot = { date: string; startTime: string; endTime: string; startsAt: Date };

const pad = (n: number) => String(n).padStart(2, "0");
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/**
 * The next free weekday slot after `now`. "Free" means no published event starts at that
 * exact instant (`taken`, the start times of published events): the calendar members read
 * has one event per slot, so a second 2 PM event on the same day is moved to the next
 * weekday. Overlaps at other times are not counted: organizers pick the time, this only
 * saves typing. A slot already begun (or begun today after 14:00) is never offered, and a
 * slot a DST change skips (none at 14:00 in any zone today) would be passed over.
 * When every slot for SLOT_SEARCH_WEEKDAYS weekdays is taken, the first candidate is used.
 */
export function nextFreeSlot(now: Date, timeZone: string, taken: readonly Date[] = []): DefaultSlot {
  const takenTimes = new Set(taken.map((at) => at.getTime()));
  const today = new TZDate(now.getTime(), timeZone);
  let first: DefaultSlot | null = null;
  // Walk calendar days in the zone (noon UTC of that civil date, so DST never skips or repeats a day).
  let day = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate(), 12));
  for (let weekdays = 0; weekdays < SLOT_SEARCH_WEEKDAYS; day = new Date(day.getTime() + 86_400_000)) {
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const clock = { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), ...DEFAULT_START };
    const start = zonedInstant(clock, timeZone);
    if (!start.ok || start.at <= now) continue;
    weekdays++;
    const startMinutes = DEFAULT_START.hour * 60 + DEFAULT_START.minute;
    const slot: DefaultSlot = {
      date: `${clock.year}-${pad(clock.month)}-${pad(clock.day)}`,
      startTime: hhmm(startMinutes),
      endTime: hhmm(startMinutes + DEFAULT_LENGTH_MINUTES),
      startsAt: start.at,
    };
    if (!takenTimes.has(slot.startsAt.getTime())) return slot;
    first ??= slot;
  }
  return first!;
}
