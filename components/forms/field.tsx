import type { ReactNode } from "react";

/** What every field of the kit takes: the server's errors come from `ActionState.errors[name]`. */
export type FieldProps = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  /** Marks the label "(optional)" and drops `required`. */
  optional?: boolean;
};

/** The ids a control points at with aria-describedby, so a screen reader reads its hint and its error. */
export function describedBy(name: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** The hint and error lines, with the ids `describedBy` names. */
export function HintAndError({ name, hint, error }: { name: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <span className="usa-hint" id={`${name}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="usa-error-message" id={`${name}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}

/** A USWDS form group: label, hint and the server's error for one control, wired together. */
export function FormGroup({ name, label, hint, error, optional, children }: Omit<FieldProps, "errors"> & { error?: string; children: ReactNode }) {
  return (
    <div className={`usa-form-group${error ? " usa-form-group--error" : ""}`}>
      <label className={`usa-label${error ? " usa-label--error" : ""}`} htmlFor={name}>
        {label}
        {optional ? <span className="usa-hint"> (optional)</span> : null}
      </label>
      <HintAndError name={name} hint={hint} error={error} />
      {children}
    </div>
  );
}

/** The attributes every control shares: its id and name, `required`, and the aria wiring to its hint and error. */
export function controlProps({ name, hint, optional }: FieldProps, error: string | undefined) {
  return {
    id: name,
    name,
    required: !optional,
    "aria-describedby": describedBy(name, hint, error),
    "aria-invalid": error ? true : undefined,
  } as const;
}
