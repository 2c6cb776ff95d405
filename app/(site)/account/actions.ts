"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { success } from "@/lib/actions/state";
import { requireMemberPage, requireSignedInPage } from "@/lib/auth/guards";
import { deleteOwnAccount, signOutEverywhere } from "@/lib/members/account";
import { updateOwnProfile } from "@/lib/members/profile";
import { accountSchema } from "@/lib/members/profile-schema";

/** Saves the viewer's own profile; the strict schema refuses anything else the form might carry (a `role`, say). */
export const saveProfile = formAction({ schema: accountSchema, viewer: () => requireMemberPage("/account") }, async (input, { viewer }) => {
  await updateOwnProfile(viewer, input);
  // The header shows the name, so the whole layout is refreshed, not just this page.
  revalidatePath("/", "layout");
  // What was saved, as the form sends it (trimmed; a checkbox is "on" or absent).
  return success("Your profile was saved.", {
    name: input.name,
    agency: input.agency,
    jobTitle: input.jobTitle,
    timeZone: input.timeZone,
    directoryOptIn: input.directoryOptIn ? "on" : "",
    inviteEmails: input.inviteEmails ? "on" : "",
  });
});

/** Ends every session, this browser's included, so the person lands signed out. */
// A bare button (no fields, no state to answer with), so it needs no form wrapper.
export async function signOutEverywhereAction(): Promise<void> {
  // Also offered on /join: someone who never finished joining may still end their sessions.
  const viewer = await requireSignedInPage("/account");
  await signOutEverywhere(viewer);
  redirect("/");
}

/** Deletes the account; its session row goes with it, so the browser is signed out too. */
export const deleteAccount = formAction(
  // Also offered on /join: someone who never finished joining may still delete what they started.
  { schema: z.strictObject({ confirmEmail: z.string().max(320) }), viewer: () => requireSignedInPage("/account") },
  async (input, { viewer }) => {
    await deleteOwnAccount(viewer, input);
    redirect("/");
  },
);
