/**
 * The one state every form's server action returns (see ./form-action.ts), and the
 * only thing a form reads back: a status, a message for the whole form, one list of
 * errors per field, and what was typed so a refused submit loses nothing.
 * Client-safe: forms import it too.
 */
export type ActionState = {
  status: "idle" | "error" | "success";
  message?: string;
  errors?: Record<string, string[] | undefined>;
  values?: Record<string, string>;
};

export const idleState: ActionState = { status: "idle" };

/**
 * The one wording for a tampered or stale form: fields it does not have, or (in a form
 * whose fields are all hidden) values no page of ours would send.
 */
export const TAMPERED_MESSAGE = "The form sent fields it should not have. Reload the page and try again.";
export const INVALID_MESSAGE = "Please correct the errors below.";
export const UNEXPECTED_MESSAGE = "Something went wrong on our side. Nothing you typed was lost; please try again.";

/** A handler's answer when all went well: the message, and (if the form shows them again) the saved values. */
export function success(message?: string, values?: Record<string, string>): ActionState {
  return { status: "success", message, values };
}
