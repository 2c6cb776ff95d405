"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { isAppError } from "@/lib/errors";
import { getRsvpView, type RsvpView } from "@/lib/events/queries";
import { cancelRsvp, rsvpToEvent } from "@/lib/events/rsvp";
import { formFields } from "@/lib/members/profile-schema";

export type RsvpFormState = { status: "idle" | "done" | "error"; message?: string; view?: RsvpView };

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
export async function changeRsvp(_previous: RsvpFormState, formData: FormData): Promise<RsvpFormState> {
  const parsed = rsvpInput.safeParse(formFields(formData));
  if (!parsed.success) {
    return { status: "error", message: "That request was not understood. Reload the page and try again." };
  }
  const { eventId, intent } = parsed.data;
  const viewer = await getViewer();
  try {
    if (intent === "going") {
      const { status, waitlistPosition, goingCount, joinUrl, hasInvite } = await rsvpToEvent(viewer, { eventId });
      if (parsed.data.refresh) refresh();
      const message =
        status === "going"
          ? "You're going. A confirmation is on its way to your email."
          : `The event is full, so you're number ${waitlistPosition} on the waitlist. We'll email you if a seat opens.`;
      // Built from what the RSVP's own transaction saw: no query more for the rush's most common request.
      return { status: "done", message, view: { rsvp: { status, waitlistPosition }, joinUrl, goingCount, hasInvite } };
    }
    await cancelRsvp(viewer, { eventId });
    if (parsed.data.refresh) refresh();
    // cancelRsvp refuses anyone signed out, so there is a viewer here.
    return { status: "done", message: "Your RSVP is cancelled.", view: viewer ? await getRsvpView({ eventId, viewer }) : undefined };
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message };
    console.error("RSVP failed:", error);
    return { status: "error", message: "We couldn't save your RSVP just now. Nothing changed; please try again." };
  }
}
