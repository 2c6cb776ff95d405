"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { isAppError } from "@/lib/errors";
import { eventFormSchema } from "@/lib/events/event-schema";
import {
  cancelEvent,
  createEventDraft,
  duplicateEvent,
  publishEvent,
  unpublishEvent,
  updateEvent,
} from "@/lib/events/manage";
import { invalidFormState, type FormState } from "@/lib/form-state";
import { formFields } from "@/lib/members/profile-schema";

type Fields = Record<string, FormDataEntryValue>;

function textValues(fields: Fields): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** Expected failures go back to the form with what was typed; anything else is a bug for the error page. */
async function attempt<T>(fields: Fields, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; state: FormState }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return {
      ok: false,
      state: { status: "error", message: error.message, fieldErrors: error.fieldErrors, values: textValues(fields) },
    };
  }
}

function refreshEventPages(slug: string, id?: string) {
  revalidatePath("/events");
  revalidatePath(`/events/${slug}`);
  revalidatePath("/manage/events");
  if (id) revalidatePath(`/manage/events/${id}`);
}

/** Saves a new draft and shows the organizer its preview. */
export async function createEventAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const fields = formFields(formData);
  const parsed = eventFormSchema.safeParse(fields);
  if (!parsed.success) return invalidFormState(parsed.error, fields);
  const result = await attempt(fields, async () => createEventDraft(await getViewer(), parsed.data));
  if (!result.ok) return result.state;
  refreshEventPages(result.value.slug, result.value.id);
  redirect(`/manage/events/${result.value.id}`);
}

/** Saves an edit; bound to the event id by the edit page. */
export async function updateEventAction(id: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const fields = formFields(formData);
  const parsed = eventFormSchema.safeParse(fields);
  if (!parsed.success) return invalidFormState(parsed.error, fields);
  const result = await attempt(fields, async () => updateEvent(await getViewer(), id, parsed.data));
  if (!result.ok) return result.state;
  refreshEventPages(result.value.slug, id);
  redirect(`/manage/events/${id}`);
}

export async function publishEventAction(id: string): Promise<FormState> {
  const result = await attempt({}, async () => publishEvent(await getViewer(), id));
  if (!result.ok) return result.state;
  refreshEventPages(result.value.slug, id);
  return { status: "success", message: "Published. The event is now on the public calendar." };
}

export async function unpublishEventAction(id: string): Promise<FormState> {
  const result = await attempt({}, async () => unpublishEvent(await getViewer(), id));
  if (!result.ok) return result.state;
  refreshEventPages(result.value.slug, id);
  return { status: "success", message: "Unpublished. The event is a draft again." };
}

/** Copies the event into a new draft and opens it for editing. */
export async function duplicateEventAction(id: string): Promise<FormState> {
  const result = await attempt({}, async () => duplicateEvent(await getViewer(), id));
  if (!result.ok) return result.state;
  revalidatePath("/manage/events");
  redirect(`/manage/events/${result.value.id}/edit`);
}

const cancelSchema = z.strictObject({ message: z.string().max(2000, { error: "Keep the message to 2,000 characters or fewer." }) });

export async function cancelEventAction(id: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const fields = formFields(formData);
  const parsed = cancelSchema.safeParse(fields);
  if (!parsed.success) return invalidFormState(parsed.error, fields);
  const result = await attempt(fields, async () => cancelEvent(await getViewer(), id, parsed.data));
  if (!result.ok) return result.state;
  refreshEventPages(result.value.slug, id);
  const who = result.value.notified === 1 ? "1 person was" : `${result.value.notified} people were`;
  return { status: "success", message: `The event is cancelled. ${who} emailed.` };
}
