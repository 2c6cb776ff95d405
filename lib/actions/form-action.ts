import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { isAppError } from "@/lib/errors";
import { logFor } from "@/lib/log";
import { formFields } from "@/lib/members/profile-schema";
import type { Viewer } from "@/lib/viewer";
import { INVALID_MESSAGE, TAMPERED_MESSAGE, UNEXPECTED_MESSAGE, type ActionState } from "./state";

type Fields = Record<string, FormDataEntryValue>;

/** Any state a form reads: the shared one, or the shared one plus what that form alone shows. */
type StateLike = { status: string; message?: string };

type Options<Schema extends z.ZodType, State extends StateLike, V> = {
  /** The action's strict zod schema: unknown keys are a tampered form. */
  schema: Schema;
  /**
   * Who is asking. Defaults to `getViewer` (null when signed out): lib/ decides who may,
   * beside its query. A page guard (`requireMemberPage`) is passed here only where the
   * action must redirect a stranger instead of answering them; it is never the only check.
   */
  viewer?: () => Promise<V>;
  /**
   * Fields the person never types (`true`: all of them, as in button forms). A bad value
   * in one reads as a stale or tampered page, not a typo to point at.
   */
  hidden?: true | readonly string[];
  /** Fields never echoed back (nothing secret is typed today; kept so one never is). */
  secret?: readonly string[];
  /** Echo typed values on error (default true); button forms have nothing typed to keep. */
  echo?: boolean;
  /** The message when something unexpected failed (it is logged in full). */
  unexpected?: string;
  /** For a form whose state adds its own statuses (sign-in): how a refused parse is told. */
  invalid?: (state: ActionState) => State;
};

type Handler<Schema extends z.ZodType, State, Args extends unknown[], V> = (
  input: z.output<Schema>,
  context: { viewer: V; fields: Fields; values: Record<string, string> },
  ...args: Args
) => Promise<State>;

/**
 * The one way to write a form's server action (the saas-starter `validatedActionWithUser`
 * pattern, without its library). It gets the viewer, parses the form with the strict
 * schema, calls the handler (which calls lib/), and answers with one state shape:
 * `AppError` becomes `{ status: "error", message, errors, values }`; anything else is
 * logged and answered with a generic message; redirect() and notFound() pass through.
 * Leading arguments (an id bound by the page) come before the state and the form data;
 * a button form with no fields may also be called with the bound arguments alone.
 */
export function formAction<
  Schema extends z.ZodType,
  State extends StateLike = ActionState,
  Args extends unknown[] = [],
  V extends Viewer | null = Viewer | null,
>(
  options: Options<Schema, NoInfer<State>, V>,
  // Not inferred from the handler: a form with its own state names it (`formAction<typeof schema, RsvpFormState>`).
  handler: Handler<Schema, NoInfer<State>, Args, V>,
): (...args: [...Args, previous?: unknown, formData?: FormData]) => Promise<State> {
  return async (...args) => {
    // From a form: (...bound, previous state, form data). Called as a plain button (or a test): (...bound).
    const fromForm = args[args.length - 1] instanceof FormData;
    const formData = fromForm ? (args[args.length - 1] as FormData) : new FormData();
    const bound = (fromForm ? args.slice(0, -2) : args) as Args;
    const viewer = (await (options.viewer ?? getViewer)()) as V;
    const fields = formFields(formData);
    const typed = typedValues(fields, options.secret ?? []);
    const values = options.echo === false ? undefined : typed;

    const parsed = options.schema.safeParse(fields);
    if (!parsed.success) {
      const state = invalidState(parsed.error, values, options.hidden ?? []);
      return options.invalid ? options.invalid(state) : refused(state);
    }
    try {
      return await handler(parsed.data, { viewer, fields, values: typed }, ...bound);
    } catch (error) {
      unstable_rethrow(error);
      if (isAppError(error)) return refused({ status: "error", message: error.message, errors: error.fieldErrors, values });
      logFor("actions").error({ err: error }, "server action failed unexpectedly");
      return refused({ status: "error", message: options.unexpected ?? UNEXPECTED_MESSAGE, values });
    }
  };

  // A form's own state only adds to the shared one (a view, a step), so every refusal is one of its values.
  function refused(state: ActionState): State {
    return state as unknown as State;
  }
}

function typedValues(fields: Fields, secret: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => typeof entry[1] === "string" && !secret.includes(entry[0])));
}

function invalidState(error: z.ZodError, values: Record<string, string> | undefined, hidden: true | readonly string[]): ActionState {
  const tampered = error.issues.some((issue) => issue.code === "unrecognized_keys" || hidden === true || hidden.includes(String(issue.path[0])));
  if (tampered) return { status: "error", message: TAMPERED_MESSAGE, values };
  return { status: "error", message: INVALID_MESSAGE, errors: z.flattenError(error).fieldErrors as ActionState["errors"], values };
}
