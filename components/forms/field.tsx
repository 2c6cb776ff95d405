import type { ReactNode } from "react";

/** What every field of the kit takes: the server's errors come from `ActionState.errors[name]`. */
export type FieldProps = {
  name: string;
  /** Defaults to the name; a page with two controls of one name gives each its own. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  /** Marks the label "(optional)" and drops `required`; "unmarked" drops it without the mark (search and filter boxes). */
  optional?: boolean | "unmarked";
  /** Layout classes for the group (a grid column, a margin). */
  groupClassName?: string;
};

/** What a form says about a field besides its value: its label, its hint, whether it may be left empty. */
export type FieldCopy = Pick<FieldProps, "label" | "hint" | "optional">;

/**
 * Binds a form's fields to the values it shows and the errors the server sent back, taking each
 * field's label and hint from the form's one table of copy: `<TextInput {...field("title")} />` is a
 * whole control, and a new field is one line in the table and one in the form.
 */
export function fieldBinder<Name extends string>(
  values: Partial<Record<Name, string>>,
  errors: Record<string, string[] | undefined>,
  copy: Record<Name, FieldCopy>,
) {
  return (name: Name) => ({ name, defaultValue: values[name] ?? "", errors: errors[name], ...copy[name] });
}

/** The ids a control points at with aria-describedby, so a screen reader reads its hint and its error. */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/**
 * The server's error for one control; its id is the one `describedBy` names, so it is read with the control.
 * Not a live region: the form's error summary (./error-summary.tsx) is the one announcement, not one per field.
 */
export function ErrorMessage({ id, error }: { id: string; error?: string }) {
  return error ? (
    <span className="usa-error-message" id={`${id}-error`}>
      {error}
    </span>
  ) : null;
}

/** The hint and error lines, with the ids `describedBy` names. */
export function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <span className="usa-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <ErrorMessage id={id} error={error} />
    </>
  );
}

/** A USWDS form group: label, hint and the server's error for one control, wired together. */
export function FormGroup({
  name,
  id = name,
  label,
  hint,
  error,
  optional,
  groupClassName,
  children,
}: Omit<FieldProps, "errors"> & { error?: string; children: ReactNode }) {
  const classes = ["usa-form-group", error ? "usa-form-group--error" : null, groupClassName].filter(Boolean).join(" ");
  return (
    <div className={classes}>
      <label className={`usa-label${error ? " usa-label--error" : ""}`} htmlFor={id}>
        {label}
        {optional === true ? <span className="usa-hint"> (optional)</span> : null}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

/** The attributes every control shares: its id and name, `required`, and the aria wiring to its hint and error. */
export function controlProps({ name, id = name, hint, optional }: FieldProps, error: string | undefined) {
  return {
    id,
    name,
    required: !optional,
    "aria-describedby": describedBy(id, hint, error),
    "aria-invalid": error ? true : undefined,
  } as const;
}
