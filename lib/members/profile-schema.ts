import { z } from "zod";
import { isValidTimeZone } from "@/lib/time";

/** Time zones offered in forms: the U.S. ones first; any valid IANA name is accepted. */
export const COMMON_TIME_ZONES = [
  { value: "America/New_York", label: "Eastern Time" },
  { value: "America/Chicago", label: "Central Time" },
  { value: "America/Denver", label: "Mountain Time" },
  { value: "America/Phoenix", label: "Arizona" },
  { value: "America/Los_Angeles", label: "Pacific Time" },
  { value: "America/Anchorage", label: "Alaska" },
  { value: "Pacific/Honolulu", label: "Hawaii" },
  { value: "America/Puerto_Rico", label: "Atlantic Time (Puerto Rico, U.S. Virgin Islands)" },
  { value: "Pacific/Guam", label: "Chamorro Time (Guam, Northern Mariana Islands)" },
  { value: "Pacific/Pago_Pago", label: "Samoa Time (American Samoa)" },
  { value: "UTC", label: "Coordinated Universal Time (UTC)" },
] as const;

// Names and agencies show up in the directory and in emails: no control characters
// (CR/LF would break mail headers), no angle brackets, sensible lengths.
const personText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: `Enter your ${label}.` })
    .max(max, { error: `Your ${label} must be ${max} characters or fewer.` })
    .refine((value) => !/[\u0000-\u001f\u007f<>\u202a-\u202e\u2066-\u2069]/.test(value), {
      error: `Your ${label} contains characters that aren't allowed.`,
    });

const timeZone = z.string().trim().refine(isValidTimeZone, { error: "Choose a valid time zone." });

// A checked box sends "on"; an unchecked one sends nothing at all, so the key must be optional.
const checkbox = z
  .enum(["on", "true"])
  .optional()
  .transform((value) => value !== undefined);

export const profileSchema = z.strictObject({
  name: personText("name", 100),
  agency: personText("agency", 150),
  jobTitle: personText("job title", 150),
  timeZone,
});

export const joinSchema = profileSchema.extend({
  acceptGuidelines: checkbox.refine((v) => v, { error: "You must accept the community guidelines to join." }),
  acknowledgeFoia: checkbox.refine((v) => v, { error: "You must acknowledge the FOIA notice to join." }),
});

export const accountSchema = profileSchema.extend({
  directoryOptIn: checkbox,
  inviteEmails: checkbox,
});

export type ProfileInput = z.infer<typeof profileSchema>;
export type JoinInput = z.infer<typeof joinSchema>;
export type AccountInput = z.infer<typeof accountSchema>;

/**
 * A form's fields as a plain object for a strict schema, so an unexpected field
 * (`role`, `userId`) is refused rather than ignored. Next's own `$ACTION_*`
 * fields are bookkeeping, not input.
 */
export function formFields(formData: FormData): Record<string, FormDataEntryValue> {
  return Object.fromEntries([...formData.entries()].filter(([name]) => !name.startsWith("$ACTION")));
}
