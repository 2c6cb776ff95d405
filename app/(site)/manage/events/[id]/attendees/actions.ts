"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { isAppError } from "@/lib/errors";
import { checkInAttendee } from "@/lib/events/attendees";
import type { FormState } from "@/lib/form-state";
import { formFields } from "@/lib/members/profile-schema";

const checkInSchema = z.strictObject({
  eventId: z.string().max(64),
  userId: z.string().max(64),
  checkedIn: z.enum(["true", "false"]).transform((value) => value === "true"),
});

/** Marks a person as arrived, or undoes it; lib/events/attendees decides who may. */
export async function checkInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = checkInSchema.safeParse(formFields(formData));
  if (!parsed.success) return { status: "error", message: "That request was not valid. Reload the page and try again." };
  try {
    await checkInAttendee(await getViewer(), parsed.data);
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message };
    throw error;
  }
  revalidatePath(`/manage/events/${parsed.data.eventId}/attendees`);
  return { status: "success", message: parsed.data.checkedIn ? "Checked in." : "Check-in undone." };
}
