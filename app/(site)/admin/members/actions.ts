"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { success } from "@/lib/actions/state";
import { ASSIGNABLE_ROLES, changeMemberRole, setMemberDisabled } from "@/lib/members/admin";

const roleSchema = z.strictObject({ userId: z.uuid(), role: z.enum(ASSIGNABLE_ROLES) });
const disabledSchema = z.strictObject({
  userId: z.uuid(),
  disabled: z.enum(["true", "false"]).transform((value) => value === "true"),
});

/** An admin makes a member an organizer or back; lib/members/admin decides who may. */
export const changeRoleAction = formAction({ schema: roleSchema, hidden: true, echo: false }, async (input, { viewer }) => {
  await changeMemberRole(viewer, input);
  revalidatePath("/admin/members");
  return success(input.role === "organizer" ? "Now an organizer." : "Now a member.");
});

/** An admin disables an account (ending its sessions) or enables it again. */
export const setDisabledAction = formAction({ schema: disabledSchema, hidden: true, echo: false }, async (input, { viewer }) => {
  await setMemberDisabled(viewer, input);
  revalidatePath("/admin/members");
  return success(input.disabled ? "Disabled and signed out." : "Enabled.");
});
