import { COMMON_TIME_ZONES } from "@/lib/members/profile-schema";
import { controlProps, FormGroup, type FieldProps } from "./field";

export type Option = { value: string; label: string };

export function Select({ options, defaultValue, ...field }: FieldProps & { defaultValue: string; options: readonly Option[] }) {
  const error = field.errors?.[0];
  return (
    <FormGroup {...field} error={error}>
      {/* Keyed by the default: React's form reset puts a select back to the value it
          first rendered with, which would undo what the person chose before a refused submit. */}
      <select
        key={defaultValue}
        {...controlProps(field, error)}
        // A select always sends one of its options, so "required" would only add noise.
        required={undefined}
        className={`usa-select${error ? " usa-input--error" : ""}`}
        defaultValue={defaultValue}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}

/**
 * The zone beside a date and time (an event's, a member's): the common zones, plus the
 * current one when it is one of the others, so saving never changes it.
 */
export function TimeZoneSelect({
  name = "timeZone",
  label = "Time zone",
  hint = "Event times are also shown in this zone.",
  defaultValue,
  errors,
}: Partial<FieldProps> & { defaultValue: string }) {
  const known = !defaultValue || COMMON_TIME_ZONES.some((zone) => zone.value === defaultValue);
  const options = known ? COMMON_TIME_ZONES : [{ value: defaultValue, label: defaultValue }, ...COMMON_TIME_ZONES];
  return <Select name={name} label={label} hint={hint} defaultValue={defaultValue} errors={errors} options={options} />;
}
