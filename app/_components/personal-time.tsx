"use client";

import { formatShortStart, zonesDiffer } from "@/lib/time";
import { usePersonal } from "./personal";

/** "Your time: …" on an event card of a cached page, once /api/me has said the viewer's zone. */
export function PersonalViewerTime({ startsAt, eventTimeZone }: { startsAt: Date; eventTimeZone: string }) {
  const zone = usePersonal()?.answer?.viewer?.timeZone;
  if (!zone || !zonesDiffer(eventTimeZone, zone, startsAt)) return null;
  return <p className="margin-y-05 font-body-2xs">Your time: {formatShortStart(startsAt, zone)}</p>;
}
