"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { isAppError } from "@/lib/errors";
import { cancelRsvp, rsvpToEvent } from "@/lib/events/rsvp";
import { formFields } from "@/lib/members/profile-schema";

export type RsvpFormState = { status: "idle" | "done" | "error"; message?: string };

const rsvpInput = z.strictObject({ eventId: z.uuid(), slug: z.string().min(1).max(200) });

/** RSVP or cancel from an event page; the decision and the capacity check happen in lib/events/rsvp. */
export async function changeRsvp(_previous: RsvpFormState, formData: FormData): Promise<RsvpFormState> {
  const fields = formFields(formData);
  const intent = fields.intent;
  delete fields.intent;
  const parsed = rsvpInput.safeParse(fields);
  if (!parsed.success || (intent !== "going" && intent !== "cancel")) {
    return { status: "error", message: "That request was not understood. Reload the page and try again." };
  }
  const viewer = await getViewer();
  try {
    if (intent === "going") {
      const result = await rsvpToEvent(viewer, { eventId: parsed.data.eventId });
      revalidatePath(`/events/${parsed.data.slug}`);
      return {
        status: "done",
        message:
          result.status === "going"
            ? "You're going. A confirmation is on its way to your email."
            : `The event is full, so you're number ${result.waitlistPosition} on the waitlist. We'll email you if a seat opens.`,
      };
    }
    await cancelRsvp(viewer, { eventId: parsed.data.eventId });
    revalidatePath(`/events/${parsed.data.slug}`);
    return { status: "done", message: "Your RSVP is cancelled." };
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message };
    console.error("RSVP failed:", error);
    return { status: "error", message: "We couldn't save your RSVP just now. Nothing changed; please try again." };
  }
}
