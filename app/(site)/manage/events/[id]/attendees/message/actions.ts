"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import type { ActionState } from "@/lib/actions/state";
import { eventMessageSchema, previewEventMessage, sendEventMessage, type MessagePreview } from "@/lib/notifications/messages";

/** The shared state, plus the preview step: the form shows it instead of the editor. */
export type MessageFormState = ActionState & { preview?: MessagePreview };

// "edit" goes back with the text kept, so only "preview" and "send" check the message.
const messageForm = z.discriminatedUnion("intent", [
  z.strictObject({ intent: z.literal("edit"), audience: z.string().optional(), subject: z.string().optional(), body: z.string().optional() }),
  eventMessageSchema.extend({ intent: z.enum(["preview", "send"]) }),
]);

/**
 * Write, preview, then send: "preview" checks the message and counts its recipients,
 * "edit" goes back with the text kept, "send" sends it. lib/ decides who may, every time.
 */
export const messageAttendeesAction = formAction<typeof messageForm, MessageFormState, [eventId: string]>(
  { schema: messageForm, hidden: ["intent"] },
  async (input, { viewer, values: typed }, eventId: string): Promise<MessageFormState> => {
    // The text as typed (the preview's hidden fields carry it on), without the button that sent it.
    const values = Object.fromEntries(Object.entries(typed).filter(([name]) => name !== "intent"));
    if (input.intent === "edit") return { status: "idle", values };
    const { intent, ...message } = input;
    if (intent === "preview") {
      return { status: "success", values, preview: await previewEventMessage(viewer, { eventId, ...message }) };
    }
    const { recipientCount } = await sendEventMessage(viewer, { eventId, ...message });
    redirect(`/manage/events/${eventId}?messageSent=${recipientCount}#messages-heading`);
  },
);
