import type { ReactNode } from "react";
import { controlProps, describedBy, ErrorMessage, HintAndError, type FieldProps } from "./field";
import type { Option } from "./select";

/** One USWDS checkbox; a checked box sends "on". The error sits above it, the hint below the label. */
export function Checkbox({
  name,
  id = name,
  label,
  description,
  hint,
  errors,
  defaultChecked,
}: Omit<FieldProps, "optional" | "groupClassName"> & { description?: ReactNode; defaultChecked?: boolean }) {
  const error = errors?.[0];
  const ids = [describedBy(id, hint, error), description ? `${id}-description` : null].filter(Boolean).join(" ");
  return (
    <>
      <ErrorMessage id={id} error={error} />
      <div className="usa-checkbox">
        {/* Never `required`: the schema says which boxes must be ticked, and says why. */}
        <input
          {...controlProps({ name, id, label, optional: true }, error)}
          aria-describedby={ids || undefined}
          className="usa-checkbox__input"
          type="checkbox"
          defaultChecked={defaultChecked}
        />
        <label className="usa-checkbox__label" htmlFor={id}>
          {label}
          {description ? (
            <span className="usa-checkbox__label-description" id={`${id}-description`}>
              {description}
            </span>
          ) : null}
        </label>
        {hint ? (
          <span className="usa-hint display-block" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
      </div>
    </>
  );
}

/** A USWDS radio group: the fieldset's legend is the question, its hint and error are read with it. */
export function RadioGroup({
  name,
  label,
  hint,
  errors,
  options,
  defaultValue,
}: Omit<FieldProps, "optional" | "id" | "groupClassName"> & { options: readonly Option[]; defaultValue?: string }) {
  const error = errors?.[0];
  return (
    <fieldset className={`usa-fieldset${error ? " usa-form-group--error" : ""}`} aria-describedby={describedBy(name, hint, error)}>
      <legend className="usa-legend">{label}</legend>
      <HintAndError id={name} hint={hint} error={error} />
      {options.map((option) => (
        <div className="usa-radio" key={option.value}>
          <input
            className="usa-radio__input"
            id={`${name}-${option.value}`}
            type="radio"
            name={name}
            value={option.value}
            defaultChecked={defaultValue === option.value}
          />
          <label className="usa-radio__label" htmlFor={`${name}-${option.value}`}>
            {option.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** A group of fields under one legend (a set of checkboxes, a part of a long form), its hint read with it. */
export function Fieldset({
  id,
  legend,
  hint,
  large,
  className,
  children,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  large?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className={["usa-fieldset", className].filter(Boolean).join(" ")} aria-describedby={describedBy(id, hint, undefined)}>
      <legend className={`usa-legend${large ? " usa-legend--large" : ""}`}>{legend}</legend>
      <HintAndError id={id} hint={hint} />
      {children}
    </fieldset>
  );
}
