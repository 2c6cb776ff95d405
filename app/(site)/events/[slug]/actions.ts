"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import type { ActionState } from "@/lib/actions/state";
import { getRsvpView, type RsvpView } from "@/lib/events/queries";
import { cancelRsvp, rsvpToEvent } from "@/lib/events/rsvp";

export type RsvpFormState = ActionState & { view?: RsvpView };

const rsvpInput = z.strictObject({
  eventId: z.uuid(),
  intent: z.enum(["going", "cancel"]),
  refresh: z.literal("page").optional(),
});

/**
 * RSVP or cancel; the decision and the capacity check happen in lib/events/rsvp.
 * Answers with the viewer's new RSVP view instead of a re-rendered page (see
 * RsvpProvider): during a rush that render would be most of the cost.
 */
export const changeRsvp = formAction<typeof rsvpInput, RsvpFormState>(
  {
    schema: rsvpInput,
    hidden: true,
    echo: false,
    unexpected: "We couldn't save your RSVP just now. Nothing changed; please try again.",
  },
  async ({ eventId, intent, refresh: refreshPage }, { viewer }): Promise<RsvpFormState> => {
    if (intent === "going") {
      const { status, waitlistPosition, goingCount, joinUrl, hasInvite } = await rsvpToEvent(viewer, { eventId });
      if (refreshPage) refresh();
      const message =
        status === "going"
          ? "You're going. A confirmation is on its way to your email."
          : `The event is full, so you're number ${waitlistPosition} on the waitlist. We'll email you if a seat opens.`;
      // Built from what the RSVP's own transaction saw: no query more for the rush's most common request.
      return { status: "success", message, view: { rsvp: { status, waitlistPosition }, joinUrl, goingCount, hasInvite } };
    }
    await cancelRsvp(viewer, { eventId });
    if (refreshPage) refresh();
    // cancelRsvp refuses anyone signed out, so there is a viewer here.
    return { status: "success", message: "Your RSVP is cancelled.", view: viewer ? await getRsvpView({ eventId, viewer }) : undefined };
  },
);
