"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { success } from "@/lib/actions/state";
import { checkInAttendee } from "@/lib/events/attendees";

const checkInSchema = z.strictObject({
  eventId: z.string().max(64),
  userId: z.string().max(64),
  checkedIn: z.enum(["true", "false"]).transform((value) => value === "true"),
});

/** Marks a person as arrived, or undoes it; lib/events/attendees decides who may. */
export const checkInAction = formAction({ schema: checkInSchema, hidden: true, echo: false }, async (input, { viewer }) => {
  await checkInAttendee(viewer, input);
  revalidatePath(`/manage/events/${input.eventId}/attendees`);
  return success(input.checkedIn ? "Checked in." : "Check-in undone.");
});
