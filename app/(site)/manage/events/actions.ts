"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { success } from "@/lib/actions/state";
import { eventFormSchema } from "@/lib/events/event-schema";
import { cancelEvent, createEventDraft, createPublishedEvent, duplicateEvent, publishEvent, unpublishEvent, updateEvent } from "@/lib/events/manage";
import { createEventSeries, updateThisAndFollowing } from "@/lib/events/series";
import { createWithSeriesSchema } from "@/lib/events/series-schema";

function refreshEventPages(slug: string, id?: string) {
  revalidatePath("/events");
  revalidatePath(`/events/${slug}`);
  revalidatePath("/manage/events");
  if (id) revalidatePath(`/manage/events/${id}`);
}

/** The one-button forms (publish, unpublish, duplicate) post nothing but React's own fields. */
const buttonOnly = { schema: z.strictObject({}), hidden: true, echo: false } as const;

/**
 * The create form's two buttons: "Save draft" and "Save and publish" send the same fields
 * plus `intent`. Anything but "publish" saves a draft, the step that can be undone. The
 * schema also reads the form's Repeats section (series): `rule` is null for a single event.
 */
const createSchema = createWithSeriesSchema;

/** Saves a new draft (or publishes it at once) and shows the organizer its page; a series shows its series page. */
export const createEventAction = formAction({ schema: createSchema }, async ({ event: input, rule }, { viewer, fields }) => {
  const publish = fields.intent === "publish";
  if (rule) {
    const series = await createEventSeries(viewer, input, rule, { publish });
    for (const occurrence of series.occurrences) refreshEventPages(occurrence.slug, occurrence.id);
    redirect(`/series/${series.seriesId}?created=${series.occurrences.length}`);
  }
  const created = await (publish ? createPublishedEvent : createEventDraft)(viewer, input);
  refreshEventPages(created.slug, created.id);
  redirect(`/manage/events/${created.id}${publish ? "?published=1" : ""}`);
});

/** series: "Edit this and following", bound to the occurrence's id by its page; lands on the series page. */
export const updateFollowingAction = formAction({ schema: eventFormSchema }, async (input, { viewer }, id: string) => {
  const { seriesId, updates } = await updateThisAndFollowing(viewer, id, input);
  for (const update of updates) refreshEventPages(update.slug, update.id);
  redirect(`/series/${seriesId}?updated=${updates.filter((update) => update.changed.length > 0).length}`);
});

/** Saves an edit; bound to the event id by the edit page. */
export const updateEventAction = formAction({ schema: eventFormSchema }, async (input, { viewer }, id: string) => {
  const updated = await updateEvent(viewer, id, input);
  refreshEventPages(updated.slug, id);
  redirect(`/manage/events/${id}`);
});

export const publishEventAction = formAction(buttonOnly, async (_input, { viewer }, id: string) => {
  refreshEventPages((await publishEvent(viewer, id)).slug, id);
  return success("Published. The event is now on the public calendar.");
});

export const unpublishEventAction = formAction(buttonOnly, async (_input, { viewer }, id: string) => {
  refreshEventPages((await unpublishEvent(viewer, id)).slug, id);
  return success("Unpublished. The event is a draft again.");
});

/** Copies the event into a new draft and opens it for editing. */
export const duplicateEventAction = formAction(buttonOnly, async (_input, { viewer }, id: string) => {
  const copy = await duplicateEvent(viewer, id);
  revalidatePath("/manage/events");
  redirect(`/manage/events/${copy.id}/edit`);
});

const cancelSchema = z.strictObject({ message: z.string().max(2000, { error: "Keep the message to 2,000 characters or fewer." }) });

export const cancelEventAction = formAction({ schema: cancelSchema }, async (input, { viewer }, id: string) => {
  const { slug, notified } = await cancelEvent(viewer, id, input);
  refreshEventPages(slug, id);
  const who = notified === 1 ? "1 person was" : `${notified} people were`;
  return success(`The event is cancelled. ${who} emailed.`);
});
