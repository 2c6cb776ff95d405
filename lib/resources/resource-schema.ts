import { z } from "zod";
import { normalizeTopics } from "@/lib/events/event-schema";
import { RESOURCE_TYPES } from "./resource-types";

export const MAX_TOPICS = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Titles show in lists and in the download's file name; bidi overrides can disguise text.
const LINE_CONTROL = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
// Descriptions keep their line breaks and tabs.
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/**
 * Why a link can't be offered to members, or null if it can. Only https: a
 * `javascript:` or `data:` link runs or renders in our origin's context when
 * clicked, and `http:` can be altered on the way.
 */
export function linkProblem(value: string): string | null {
  const text = value.trim();
  if (text === "") return "Enter the link, starting with https://.";
  // Browsers drop tabs, newlines and leading controls, which would turn "java\tscript:" into "javascript:".
  const squeezed = text.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
  if (squeezed.startsWith("javascript:")) return "Links can’t run scripts. Enter a web address that starts with https://.";
  if (squeezed.startsWith("data:")) return "Links can’t carry embedded content. Enter a web address that starts with https://.";
  if (squeezed.startsWith("http:")) return "Use a secure link that starts with https://, not http://.";
  if (/[\s\u0000-\u001f\u007f]/.test(text)) return "Remove spaces and line breaks from the link.";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "Enter a full web address that starts with https://, like https://digital.gov/guides/.";
  }
  if (url.protocol !== "https:" || !url.hostname) {
    return "Enter a full web address that starts with https://, like https://digital.gov/guides/.";
  }
  if (url.username || url.password) return "Remove the user name and password from the link.";
  return null;
}

const title = z
  .string({ error: "Enter a title." })
  .trim()
  .min(1, { error: "Enter a title." })
  .max(200, { error: "Keep the title to 200 characters or fewer." })
  .refine((value) => !LINE_CONTROL.test(value), { error: "Remove line breaks and control characters from the title." });

const description = z
  .string()
  .max(2000, { error: "Keep the description to 2,000 characters or fewer." })
  .optional()
  .transform((value) => value?.trim() ?? "")
  .refine((value) => !TEXT_CONTROL.test(value), { error: "Remove control characters from the description." });

const topics = z
  .string()
  .max(1000, { error: "Keep topics to 1,000 characters or fewer." })
  .optional()
  .transform((value) => normalizeTopics(value ?? ""))
  .refine((list) => list.length <= MAX_TOPICS, { error: `Enter no more than ${MAX_TOPICS} topics.` })
  .refine((list) => list.every((topic) => topic.length <= 40), { error: "Keep each topic to 40 characters or fewer." });

const eventId = z
  .string()
  .optional()
  .transform((value) => value?.trim() || null)
  .refine((value) => value === null || UUID.test(value), { error: "Choose an event from the list." });

const url = z
  .string({ error: "Enter the link, starting with https://." })
  .max(2000, { error: "Keep the link to 2,000 characters or fewer." })
  .superRefine((value, ctx) => {
    const problem = linkProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((value) => new URL(value.trim()).href);

const details = {
  title,
  description,
  type: z.enum(RESOURCE_TYPES, { error: "Choose the type of resource." }),
  topics,
  eventId,
};

/** The fields sent with an uploaded file; strict, so an extra field (a `storageKey`, say) is refused. */
export const fileResourceSchema = z.strictObject(details);
export const linkResourceSchema = z.strictObject({ ...details, url });
/** Editing keeps the kind: links may change their URL, files keep theirs (remove and upload again). */
export const resourceEditSchema = z.strictObject({ ...details, url: url.optional() });

export type ResourceDetailsInput = z.infer<typeof fileResourceSchema>;
export type LinkResourceInput = z.infer<typeof linkResourceSchema>;
export type ResourceEditInput = z.infer<typeof resourceEditSchema>;

/** The form's own text, for putting back into the fields after a refused submit or when editing. */
export type ResourceFormFields = { title: string; description: string; type: string; topics: string; eventId: string; url: string };
