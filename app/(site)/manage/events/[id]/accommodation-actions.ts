"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/form-action";
import { success } from "@/lib/actions/state";
import { accommodationAnswer } from "@/lib/accommodations/request-schema";
import { answerAccommodationRequest } from "@/lib/accommodations/requests";

/** The organizer marks a request received, arranged or cannot arrange, with a note the member sees; lib/ decides who may. */
export const answerAccommodationAction = formAction({ schema: accommodationAnswer, hidden: ["requestId"] }, async (input, { viewer }) => {
  const { eventId } = await answerAccommodationRequest(viewer, input);
  revalidatePath(`/manage/events/${eventId}`);
  return success("Saved. The member sees the status and your note where they made the request.");
});
