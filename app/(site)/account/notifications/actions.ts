"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { success } from "@/lib/actions/state";
import { requireMemberPage } from "@/lib/auth/guards";
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
export const saveNotificationPreferences = formAction({ schema: formSchema, viewer: () => requireMemberPage("/account") }, async (input, { viewer }) => {
  await updateNotificationPreferences(viewer, input);
  revalidatePath("/account");
  const { reminders, followUpEmails, weeklyDigest } = input;
  return success("Your email choices were saved.", {
    reminders,
    followUpEmails: followUpEmails ? "on" : "",
    weeklyDigest: weeklyDigest ? "on" : "",
  });
});
