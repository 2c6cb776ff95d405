import { z } from "zod";

export { CAPTIONS_MAX_BYTES } from "./captions-format";
export const TRANSCRIPT_MAX_BYTES = 5 * 1024 * 1024;
export const TRANSCRIPT_TEXT_MAX = 200_000;
/** Transcript files: what people open to read along. Captions files are not transcripts. */
export const TRANSCRIPT_FILE_TYPES = ["txt", "pdf", "docx"] as const;

// A transcript keeps its line breaks and tabs; other control characters and bidi overrides go.
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/**
 * The text fields of the captions form; the files travel beside them. Strict, so a field the form
 * does not have (a storage key, say) is refused. An empty transcript box means "leave it as it is".
 */
export const captionsFormSchema = z.strictObject({
  captionsAttested: z
    .literal("on", { error: "Tick the box only if the linked video shows captions." })
    .optional()
    .transform((value) => value === "on"),
  transcriptText: z
    .string()
    .max(TRANSCRIPT_TEXT_MAX, {
      error: `Keep the pasted transcript to ${TRANSCRIPT_TEXT_MAX.toLocaleString("en-US")} characters or fewer, or upload it as a file.`,
    })
    .optional()
    .transform((value) => value?.replace(/\r\n?/g, "\n").trim() || null)
    .refine((value) => value === null || !TEXT_CONTROL.test(value), { error: "Remove control characters from the transcript." }),
});

export type CaptionsFormInput = z.infer<typeof captionsFormSchema>;
export type CaptionsFormFields = { captionsAttested: string; transcriptText: string };
