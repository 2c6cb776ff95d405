/** A USWDS text input with its label, optional hint and the server's error for it. */
export function TextField({
  name,
  label,
  hint,
  defaultValue,
  errors,
  type = "text",
  autoComplete,
  required = true,
}: {
  name: string;
  label: string;
  hint?: string;
  defaultValue?: string | null;
  errors?: string[];
  type?: "text" | "email" | "url" | "number";
  autoComplete?: string;
  required?: boolean;
}) {
  const error = errors?.[0];
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`usa-form-group${error ? " usa-form-group--error" : ""}`}>
      <label className={`usa-label${error ? " usa-label--error" : ""}`} htmlFor={name}>
        {label}
        {required ? null : <span className="usa-hint"> (optional)</span>}
      </label>
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
      <input
        className={`usa-input${error ? " usa-input--error" : ""}`}
        id={name}
        name={name}
        type={type}
        defaultValue={defaultValue ?? ""}
        autoComplete={autoComplete}
        required={required}
        aria-describedby={describedBy || undefined}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}
