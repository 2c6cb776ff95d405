"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { createLinkResource, removeResource, updateResource, type ResourceChange } from "@/lib/resources/manage";
import { linkResourceSchema, resourceEditSchema } from "@/lib/resources/resource-schema";

function refreshPages(change: ResourceChange) {
  revalidatePath("/resources");
  revalidatePath("/manage/resources");
  if (change.eventSlug) revalidatePath(`/events/${change.eventSlug}`);
}

/** Adds a link; files go through the upload route, which streams them. */
export const createLinkResourceAction = formAction({ schema: linkResourceSchema }, async (input, { viewer }) => {
  const created = await createLinkResource(viewer, input);
  refreshPages(created);
  // captions: a recording is a draft until it has captions and a transcript; the next step adds them.
  redirect(created.draft ? `/manage/resources/${created.id}/captions?done=added` : "/manage/resources?done=added");
});

/** Saves an edit; bound to the resource id by the edit page. */
export const updateResourceAction = formAction({ schema: resourceEditSchema }, async (input, { viewer }, id: string) => {
  refreshPages(await updateResource(viewer, id, input));
  redirect("/manage/resources?done=updated");
});

/** Removes the resource and its file; bound to the id by the confirmation page. */
export const removeResourceAction = formAction({ schema: z.strictObject({}), hidden: true, echo: false }, async (_input, { viewer }, id: string) => {
  refreshPages(await removeResource(viewer, id));
  redirect("/manage/resources?done=removed");
});
