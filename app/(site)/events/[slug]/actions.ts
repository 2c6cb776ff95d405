"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import type { ActionState } from "@/lib/actions/state";
import { getRsvpView, type RsvpView } from "@/lib/events/queries";
import { cancelRsvp, rsvpToEvent } from "@/lib/events/rsvp";
import { cancelledMessage, RSVP_MESSAGES } from "@/lib/events/rsvp-messages";

/** `confirm`: the member asked to cancel and the panel asks them to say so once more; nothing has changed yet. */
export type RsvpFormState = Omit<ActionState, "status"> & { status: ActionState["status"] | "confirm"; view?: RsvpView };

const rsvpInput = z.strictObject({
  eventId: z.uuid(),
  // "cancel" only asks; "cancel-confirmed" (the panel's "Yes, cancel") cancels; "keep" answers "Keep my seat".
  intent: z.enum(["going", "cancel", "cancel-confirmed", "keep"]),
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
      const message = status === "going" ? RSVP_MESSAGES.going : RSVP_MESSAGES.waitlisted(waitlistPosition);
      // Built from what the RSVP's own transaction saw: no query more for the rush's most common request.
      return { status: "success", message, view: { rsvp: { status, waitlistPosition }, joinUrl, goingCount, hasInvite } };
    }
    // A cancelled seat goes to the waitlist at once, so the first click only asks: a round trip rather than a
    // script-only dialog, so the question works without JavaScript too. Neither answer changes or reads anything.
    if (intent === "cancel") return { status: "confirm" };
    if (intent === "keep") return { status: "success", message: RSVP_MESSAGES.kept };
    const { left } = await cancelRsvp(viewer, { eventId });
    if (refreshPage) refresh();
    // cancelRsvp refuses anyone signed out, so there is a viewer here.
    return { status: "success", message: cancelledMessage(left), view: viewer ? await getRsvpView({ eventId, viewer }) : undefined };
  },
);
