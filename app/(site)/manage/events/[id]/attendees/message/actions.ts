"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { isAppError } from "@/lib/errors";
import { formFields } from "@/lib/members/profile-schema";
import { eventMessageSchema, previewEventMessage, sendEventMessage, type MessagePreview } from "@/lib/notifications/messages";

export type MessageValues = { audience: string; subject: string; body: string };
export type MessageFormState = {
  step: "edit" | "preview";
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values: MessageValues;
  preview?: MessagePreview;
};

const intentSchema = z.enum(["preview", "edit", "send"]);

/**
 * Write, preview, then send: "preview" checks the message and counts its recipients,
 * "edit" goes back with the text kept, "send" sends it. lib/ decides who may, every time.
 */
export async function messageAttendeesAction(eventId: string, _previous: MessageFormState, formData: FormData): Promise<MessageFormState> {
  const { intent: rawIntent, ...fields } = formFields(formData);
  const values: MessageValues = {
    audience: typeof fields.audience === "string" ? fields.audience : "",
    subject: typeof fields.subject === "string" ? fields.subject : "",
    body: typeof fields.body === "string" ? fields.body : "",
  };
  const intent = intentSchema.safeParse(rawIntent);
  if (!intent.success) return { step: "edit", values, message: "That request was not valid. Reload the page and try again." };
  if (intent.data === "edit") return { step: "edit", values };

  const parsed = eventMessageSchema.safeParse(fields);
  if (!parsed.success) {
    return { step: "edit", values, message: "Please correct the errors below.", fieldErrors: z.flattenError(parsed.error).fieldErrors };
  }
  let sentTo: number;
  try {
    const viewer = await getViewer();
    if (intent.data === "preview") {
      return { step: "preview", values, preview: await previewEventMessage(viewer, { eventId, ...parsed.data }) };
    }
    sentTo = (await sendEventMessage(viewer, { eventId, ...parsed.data })).recipientCount;
  } catch (error) {
    if (isAppError(error)) return { step: "edit", values, message: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
  redirect(`/manage/events/${eventId}?messageSent=${sentTo}#messages-heading`);
}
