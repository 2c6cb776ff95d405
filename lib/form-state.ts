import { z } from "zod";

/** What a server action returns to its form: field errors, a message, and what was typed so nothing is lost. */
export type FormState = {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, string>;
};

export const idleFormState: FormState = { status: "idle" };

export function invalidFormState(error: z.ZodError, input: Record<string, unknown>): FormState {
  const flattened = z.flattenError(error);
  const unknownKeys = error.issues.filter((issue) => issue.code === "unrecognized_keys");
  return {
    status: "error",
    message: unknownKeys.length > 0 ? "The form sent fields it should not have. Reload the page and try again." : "Please correct the errors below.",
    fieldErrors: flattened.fieldErrors as Record<string, string[] | undefined>,
    values: Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v === "string")) as Record<string, string>,
  };
}
