"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireMemberPage, requireSignedInPage } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { invalidFormState, type FormState } from "@/lib/form-state";
import { deleteOwnAccount, signOutEverywhere } from "@/lib/members/account";
import { updateOwnProfile } from "@/lib/members/profile";
import { accountSchema, formFields } from "@/lib/members/profile-schema";

/** Saves the viewer's own profile; the strict schema refuses anything else the form might carry (a `role`, say). */
export async function saveProfile(_previous: FormState, formData: FormData): Promise<FormState> {
  const viewer = await requireMemberPage("/account");
  const fields = formFields(formData);
  const parsed = accountSchema.safeParse(fields);
  if (!parsed.success) return invalidFormState(parsed.error, fields);
  try {
    await updateOwnProfile(viewer, parsed.data);
  } catch (error) {
    if (isAppError(error)) return { status: "error", message: error.message, values: textValues(fields) };
    throw error;
  }
  // The header shows the name, so the whole layout is refreshed, not just this page.
  revalidatePath("/", "layout");
  return { status: "success", message: "Your profile was saved.", values: savedValues(parsed.data) };
}

/** Ends every session, this browser's included, so the person lands signed out. */
export async function signOutEverywhereAction(): Promise<void> {
  // Also offered on /join: someone who never finished joining may still end their sessions.
  const viewer = await requireSignedInPage("/account");
  await signOutEverywhere(viewer);
  redirect("/");
}

const deleteSchema = z.strictObject({ confirmEmail: z.string().max(320) });

/** Deletes the account; its session row goes with it, so the browser is signed out too. */
export async function deleteAccount(_previous: FormState, formData: FormData): Promise<FormState> {
  // Also offered on /join: someone who never finished joining may still delete what they started.
  const viewer = await requireSignedInPage("/account");
  const fields = formFields(formData);
  const parsed = deleteSchema.safeParse(fields);
  if (!parsed.success) return invalidFormState(parsed.error, fields);
  try {
    await deleteOwnAccount(viewer, parsed.data);
  } catch (error) {
    if (isAppError(error)) {
      return { status: "error", message: error.message, fieldErrors: error.fieldErrors, values: textValues(fields) };
    }
    throw error;
  }
  redirect("/");
}

function textValues(fields: Record<string, FormDataEntryValue>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

function savedValues(input: z.infer<typeof accountSchema>): Record<string, string> {
  return {
    name: input.name,
    agency: input.agency,
    jobTitle: input.jobTitle,
    timeZone: input.timeZone,
    directoryOptIn: input.directoryOptIn ? "on" : "",
    inviteEmails: input.inviteEmails ? "on" : "",
  };
}
