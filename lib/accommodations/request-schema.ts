import { z } from "zod";
import { ACCOMMODATION_NOTE_MAX, ACCOMMODATION_OTHER_MAX } from "@/db/schema";
import { ACCOMMODATION_STATUSES, NEEDS, type AccommodationNeed } from "./vocabulary";

/**
 * The accommodation forms' input, shared by the server actions and lib/accommodations: the member's
 * request (one checkbox per need, named by the need, and a bounded free text) and the organizer's answer.
 */

export { ACCOMMODATION_NOTE_MAX, ACCOMMODATION_OTHER_MAX };

// Line breaks are fine in free text; other control characters only hide text.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const otherField = z
  .string()
  .trim()
  .max(ACCOMMODATION_OTHER_MAX, { error: `Keep what you need to ${ACCOMMODATION_OTHER_MAX} characters or fewer.` })
  .refine((value) => !CONTROL.test(value), { error: "Remove control characters from what you need." });

const noteField = z
  .string()
  .trim()
  .max(ACCOMMODATION_NOTE_MAX, { error: `Keep the note to ${ACCOMMODATION_NOTE_MAX} characters or fewer.` })
  .refine((value) => !CONTROL.test(value), { error: "Remove control characters from the note." });

export const NOTHING_ASKED = "Choose at least one accommodation, or describe what you need.";

/** What lib/ takes: needs from the vocabulary, each once, and the free text ("" for none). */
export const accommodationRequestInput = z
  .object({
    needs: z
      .array(z.enum(NEEDS, { error: "Choose accommodations from the list." }))
      .max(NEEDS.length)
      .refine((needs) => new Set(needs).size === needs.length, { error: "Choose each accommodation once." }),
    other: otherField,
  })
  .refine((input) => input.needs.length > 0 || input.other !== "", { error: NOTHING_ASKED, path: ["other"] });
export type AccommodationRequestInput = z.infer<typeof accommodationRequestInput>;

const checkbox = z.literal("on").optional();
const needBoxes = Object.fromEntries(NEEDS.map((need) => [need, checkbox])) as Record<AccommodationNeed, typeof checkbox>;

/** The member's form: "save" sends or changes the request, "withdraw" takes it back. */
export const accommodationForm = z
  .strictObject({
    eventId: z.uuid(),
    intent: z.enum(["save", "withdraw"]),
    ...needBoxes,
    other: otherField.default(""),
  })
  .superRefine((input, ctx) => {
    if (input.intent === "save" && !NEEDS.some((need) => input[need]) && input.other === "") {
      ctx.addIssue({ code: "custom", message: NOTHING_ASKED, path: ["other"] });
    }
  })
  .transform(({ eventId, intent, other, ...boxes }) => ({
    eventId,
    intent,
    needs: NEEDS.filter((need) => boxes[need] === "on"),
    other,
  }));

/** The organizer's answer to one request. */
export const accommodationAnswer = z.strictObject({
  requestId: z.uuid(),
  status: z.enum(ACCOMMODATION_STATUSES, { error: "Choose a status." }),
  note: noteField.default(""),
});
export type AccommodationAnswer = z.infer<typeof accommodationAnswer>;

/** The fields the member's form posts that nobody types (a bad value is a stale or tampered page). */
export const ACCOMMODATION_HIDDEN_FIELDS = ["eventId", "intent", ...NEEDS] as const;
