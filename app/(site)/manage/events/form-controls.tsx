import type { ReactNode } from "react";

/** Label, hint and the server's error for one control, wired together for screen readers. */
function Group({
  name,
  label,
  hint,
  error,
  optional,
  children,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`usa-form-group${error ? " usa-form-group--error" : ""}`}>
      <label className={`usa-label${error ? " usa-label--error" : ""}`} htmlFor={name}>
        {label}
        {optional ? <span className="usa-hint"> (optional)</span> : null}
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
      {children}
    </div>
  );
}

type Common = { name: string; label: string; hint?: ReactNode; errors?: string[]; optional?: boolean; defaultValue: string };

function describedBy(name: string, hint: unknown, error: unknown) {
  return [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function Input({
  type = "text",
  inputMode,
  className = "",
  autoComplete = "off",
  ...props
}: Common & { type?: "text" | "url" | "date" | "time"; inputMode?: "numeric"; className?: string; autoComplete?: string }) {
  const error = props.errors?.[0];
  return (
    <Group {...props} error={error}>
      <input
        className={`usa-input${error ? " usa-input--error" : ""} ${className}`.trim()}
        id={props.name}
        name={props.name}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        defaultValue={props.defaultValue}
        required={!props.optional}
        aria-describedby={describedBy(props.name, props.hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </Group>
  );
}

export function TextArea({ rows = 6, ...props }: Common & { rows?: number }) {
  const error = props.errors?.[0];
  return (
    <Group {...props} error={error}>
      <textarea
        className={`usa-textarea${error ? " usa-input--error" : ""}`}
        id={props.name}
        name={props.name}
        rows={rows}
        defaultValue={props.defaultValue}
        required={!props.optional}
        aria-describedby={describedBy(props.name, props.hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </Group>
  );
}

export function Select({ options, ...props }: Common & { options: readonly { value: string; label: string }[] }) {
  const error = props.errors?.[0];
  return (
    <Group {...props} error={error}>
      {/* Keyed by the default: React's form reset puts a select back to the value it
          first rendered with, which would undo what the person chose before a refused submit. */}
      <select
        key={props.defaultValue}
        className={`usa-select${error ? " usa-input--error" : ""}`}
        id={props.name}
        name={props.name}
        defaultValue={props.defaultValue}
        aria-describedby={describedBy(props.name, props.hint, error)}
        aria-invalid={error ? true : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Group>
  );
}

/** A success or error line after a one-button form. */
export function Outcome({ status, message }: { status: "idle" | "error" | "success"; message?: string }) {
  if (status === "idle" || !message) return null;
  return (
    <div className={`usa-alert usa-alert--slim usa-alert--${status === "error" ? "error" : "success"}`} role={status === "error" ? "alert" : "status"}>
      <div className="usa-alert__body">
        <p className="usa-alert__text">{message}</p>
      </div>
    </div>
  );
}
