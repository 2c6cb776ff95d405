import { controlProps, FormGroup, type FieldProps } from "./field";

/** A file picker; `accept` narrows the chooser, the server still checks what arrives. */
export function FileInput({ accept, ...field }: FieldProps & { accept?: string }) {
  const error = field.errors?.[0];
  return (
    <FormGroup {...field} error={error}>
      <input {...controlProps(field, error)} className="display-block margin-top-1" type="file" accept={accept} />
    </FormGroup>
  );
}
