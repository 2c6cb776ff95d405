"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { isAppError } from "@/lib/errors";
import { invalidFormState, type FormState } from "@/lib/form-state";
import { formFields } from "@/lib/members/profile-schema";
import { createLinkResource, removeResource, updateResource, type ResourceChange } from "@/lib/resources/manage";
import { linkResourceSchema, resourceEditSchema } from "@/lib/resources/resource-schema";

type Fields = Record<string, FormDataEntryValue>;

function textValues(fields: Fields): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** Expected refusals go back to the form with what was typed; anything else is a bug for the error page. */
async function attempt(fields: Fields, work: () => Promise<ResourceChange>): Promise<{ ok: true; change: ResourceChange } | { ok: false; state: FormState }> {
  try {
    return { ok: true, change: await work() };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, state: { status: "error", message: error.message, fieldErrors: error.fieldErrors, values: textValues(fields) } };
  }
}

function refreshPages(change: ResourceChange) {
  revalidatePath("/resources");
  revalidatePath("/manage/resources");
  if (change.eventSlug) revalidatePath(`/events/${change.eventSlug}`);
}

/** Adds a link; files go through the upload route, which streams them. */
export async function createLinkResourceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const fields = formFields(formData);
  const parsed = linkResourceSchema.safeParse(fields);
  if (!parsed.success) return invalidFormState(parsed.error, fields);
  const result = await attempt(fields, async () => createLinkResource(await getViewer(), parsed.data));
  if (!result.ok) return result.state;
  refreshPages(result.change);
  redirect("/manage/resources?done=added");
}

/** Saves an edit; bound to the resource id by the edit page. */
export async function updateResourceAction(id: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const fields = formFields(formData);
  const parsed = resourceEditSchema.safeParse(fields);
  if (!parsed.success) return invalidFormState(parsed.error, fields);
  const result = await attempt(fields, async () => updateResource(await getViewer(), id, parsed.data));
  if (!result.ok) return result.state;
  refreshPages(result.change);
  redirect("/manage/resources?done=updated");
}

const removeSchema = z.strictObject({});

/** Removes the resource and its file; bound to the id by the confirmation page. */
export async function removeResourceAction(id: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const fields = formFields(formData);
  const parsed = removeSchema.safeParse(fields);
  if (!parsed.success) return invalidFormState(parsed.error, fields);
  const result = await attempt(fields, async () => removeResource(await getViewer(), id));
  if (!result.ok) return result.state;
  refreshPages(result.change);
  redirect("/manage/resources?done=removed");
}
