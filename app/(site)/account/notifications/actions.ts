"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireMemberPage } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { invalidFormState, type FormState } from "@/lib/form-state";
import { formFields } from "@/lib/members/profile-schema";
import { REMINDER_CHOICES, updateNotificationPreferences } from "@/lib/notifications/preferences";

// A checked box sends "on"; an unchecked one sends nothing.
const checkbox = z
  .enum(["on"])
  .optional()
  .transform((value) => value !== undefined);

const formSchema = z.strictObject({
  reminders: z.enum(REMINDER_CHOICES, { error: "Choose which reminders you want." }),
  followUpEmails: checkbox,
  weeklyDigest: checkbox,
});

/** Saves which optional emails the viewer gets; their scheduled reminders follow at once. */
export async function saveNotificationPreferences(_previous: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireMemberPage("/account");
  const fields = formFields(formData);
  const parsed = formSchema.safeParse(fields);
  if (!parsed.success) return invalidFormState(parsed.error, fields);
  try {
    await updateNotificationPreferences(viewer, parsed.data);
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message };
    throw error;
  }
  revalidatePath("/account");
  const { reminders, followUpEmails, weeklyDigest } = parsed.data;
  return {
    status: "success",
    message: "Your email choices were saved.",
    values: { reminders, followUpEmails: followUpEmails ? "on" : "", weeklyDigest: weeklyDigest ? "on" : "" },
  };
}
