"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { isAppError } from "@/lib/errors";
import type { FormState } from "@/lib/form-state";
import { ASSIGNABLE_ROLES, changeMemberRole, setMemberDisabled } from "@/lib/members/admin";
import { formFields } from "@/lib/members/profile-schema";

const roleSchema = z.strictObject({ userId: z.uuid(), role: z.enum(ASSIGNABLE_ROLES) });
const disabledSchema = z.strictObject({
  userId: z.uuid(),
  disabled: z.enum(["true", "false"]).transform((value) => value === "true"),
});

const TAMPERED: FormState = { status: "error", message: "That request was not valid. Reload the page and try again." };

/** An admin makes a member an organizer or back; lib/members/admin decides who may. */
export async function changeRoleAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = roleSchema.safeParse(formFields(formData));
  if (!parsed.success) return TAMPERED;
  return run(async () => {
    await changeMemberRole(await getViewer(), parsed.data);
    return parsed.data.role === "organizer" ? "Now an organizer." : "Now a member.";
  });
}

/** An admin disables an account (ending its sessions) or enables it again. */
export async function setDisabledAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const parsed = disabledSchema.safeParse(formFields(formData));
  if (!parsed.success) return TAMPERED;
  return run(async () => {
    await setMemberDisabled(await getViewer(), parsed.data);
    return parsed.data.disabled ? "Disabled and signed out." : "Enabled.";
  });
}

async function run(change: () => Promise<string>): Promise<FormState> {
  let message: string;
  try {
    message = await change();
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message };
    throw error;
  }
  revalidatePath("/admin/members");
  return { status: "success", message };
}
