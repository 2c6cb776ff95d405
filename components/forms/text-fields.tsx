import { controlProps, FormGroup, type FieldProps } from "./field";

type TextProps = FieldProps & { defaultValue?: string | null };

/** A text-like input (text, email, url, number, search, date, time). */
export function TextInput({
  type = "text",
  inputMode,
  className = "",
  autoComplete = "off",
  maxLength,
  readOnly,
  defaultValue,
  ...field
}: TextProps & {
  type?: "text" | "email" | "url" | "number" | "date" | "time" | "search";
  readOnly?: boolean;
  inputMode?: "numeric";
  className?: string;
  autoComplete?: string;
  maxLength?: number;
}) {
  const error = field.errors?.[0];
  return (
    <FormGroup {...field} error={error}>
      <input
        {...controlProps(field, error)}
        className={`usa-input${error ? " usa-input--error" : ""} ${className}`.trim()}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        maxLength={maxLength}
        readOnly={readOnly}
        defaultValue={defaultValue ?? ""}
      />
    </FormGroup>
  );
}

export function TextArea({ rows = 6, defaultValue, ...field }: TextProps & { rows?: number }) {
  const error = field.errors?.[0];
  return (
    <FormGroup {...field} error={error}>
      <textarea {...controlProps(field, error)} className={`usa-textarea${error ? " usa-input--error" : ""}`} rows={rows} defaultValue={defaultValue ?? ""} />
    </FormGroup>
  );
}
