"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { rsvpToSeries } from "@/lib/events/series";
import { formatShortStart } from "@/lib/time";
import type { SeriesRsvpState } from "./series-rsvp-state";

/** "RSVP to every date": a button form bound to the series id by its page. */
const buttonOnly = z.strictObject({});

export const rsvpToSeriesAction = formAction<typeof buttonOnly, SeriesRsvpState, [string]>(
  { schema: buttonOnly, hidden: true, echo: false },
  async (_input, { viewer }, seriesId: string) => {
    const outcomes = await rsvpToSeries(viewer, seriesId);
    revalidatePath(`/series/${seriesId}`);
    revalidatePath("/account/events");
    for (const outcome of outcomes) revalidatePath(`/events/${outcome.slug}`);
    const count = (what: string) => outcomes.filter((o) => o.outcome === what).length;
    const [going, waitlisted, refused] = [count("going"), count("waitlisted"), count("refused")];
    const parts = [
      going > 0 ? `going to ${going} ${going === 1 ? "date" : "dates"}` : null,
      waitlisted > 0 ? `on the waitlist for ${waitlisted}` : null,
    ].filter(Boolean);
    const message =
      parts.length > 0
        ? `You're ${parts.join(" and ")}.${refused > 0 ? ` ${refused} no longer ${refused === 1 ? "takes" : "take"} RSVPs.` : ""}`
        : "None of the dates take RSVPs now.";
    return {
      status: "success",
      message,
      outcomes: outcomes.map((o) => ({
        eventId: o.eventId,
        slug: o.slug,
        when: formatShortStart(o.startsAt, o.timeZone),
        outcome: o.outcome,
        detail: o.outcome === "refused" ? o.message : o.outcome === "waitlisted" && o.waitlistPosition ? `Number ${o.waitlistPosition} on the waitlist` : null,
      })),
    };
  },
);
