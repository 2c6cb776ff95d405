import { tz } from "@date-fns/tz";
import { format } from "date-fns";

export const DEFAULT_TIME_ZONE = "America/New_York";

// Making an Intl.DateTimeFormat costs far more than using one, and pages format dozens of dates.
const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

/** "ET", "CT", "PT", "HST": the names people use, not "EST" in July. */
export function zoneLabel(timeZone: string, at: Date): string {
  let formatter = zoneNameFormats.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "shortGeneric" });
    zoneNameFormats.set(timeZone, formatter);
  }
  const part = formatter.formatToParts(at).find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

export type EventWhen = { date: string; time: string; zone: string };

/** Date and time range of an event as seen in one time zone, e.g. "2:00 – 3:00 PM ET". */
export function formatEventWhen(startsAt: Date, endsAt: Date, timeZone: string): EventWhen {
  const inZone = { in: tz(timeZone) };
  const sameDay = format(startsAt, "yyyy-MM-dd", inZone) === format(endsAt, "yyyy-MM-dd", inZone);
  const sameMeridiem = format(startsAt, "a", inZone) === format(endsAt, "a", inZone);
  const zone = zoneLabel(timeZone, startsAt);
  const start = format(startsAt, sameDay && sameMeridiem ? "h:mm" : "h:mm a", inZone);
  const end = format(endsAt, sameDay ? "h:mm a" : "EEE, MMM d, h:mm a", inZone);
  return {
    date: format(startsAt, "EEEE, MMMM d, yyyy", inZone),
    time: `${start} – ${end} ${zone}`,
    zone,
  };
}

/** The short form for cards: "Thu, Dec 3, 2:00 PM ET". */
export function formatShortStart(startsAt: Date, timeZone: string): string {
  return `${format(startsAt, "EEE, MMM d, h:mm a", { in: tz(timeZone) })} ${zoneLabel(timeZone, startsAt)}`;
}

/** True when the two zones show a different wall clock at that moment. */
export function zonesDiffer(a: string, b: string, at: Date): boolean {
  return format(at, "yyyy-MM-dd HH:mm", { in: tz(a) }) !== format(at, "yyyy-MM-dd HH:mm", { in: tz(b) });
}
