"use server";

import { formAction } from "@/lib/actions/form-action";
import type { ActionState } from "@/lib/actions/state";
import { ACCOMMODATION_HIDDEN_FIELDS, accommodationForm } from "@/lib/accommodations/request-schema";
import { saveAccommodationRequest, withdrawAccommodationRequest, type OwnAccommodationRequest } from "@/lib/accommodations/requests";

/** The shared state, plus the member's request as saved (null once withdrawn), so the form shows it without a page render. */
export type AccommodationFormState = ActionState & { request?: OwnAccommodationRequest | null };

/**
 * The member asks for accommodations for an event they RSVPed to, changes what they asked, or
 * withdraws it. lib/accommodations decides who may, every time.
 */
export const requestAccommodationAction = formAction<typeof accommodationForm, AccommodationFormState>(
  { schema: accommodationForm, hidden: ACCOMMODATION_HIDDEN_FIELDS },
  async ({ eventId, intent, needs, other }, { viewer }): Promise<AccommodationFormState> => {
    if (intent === "withdraw") {
      const { changed } = await withdrawAccommodationRequest(viewer, { eventId });
      return {
        status: "success",
        message: changed ? "Your accommodation request is withdrawn." : "You had no accommodation request to withdraw.",
        request: null,
      };
    }
    const { request, created, changed } = await saveAccommodationRequest(viewer, { eventId, needs, other });
    const message = created
      ? "Your request is sent. The organizers will tell you here what they could arrange."
      : changed
        ? "Your request is updated. The organizers will see the change."
        : "Nothing changed: that is what you asked for already.";
    return { status: "success", message, request, values: {} };
  },
);
