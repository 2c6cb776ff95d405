import { COMMON_TIME_ZONES } from "@/lib/members/profile-schema";

export function TimeZoneSelect({ defaultValue, errors }: { defaultValue: string; errors?: string[] }) {
  const error = errors?.[0];
  const known = COMMON_TIME_ZONES.some((zone) => zone.value === defaultValue);
  return (
    <div className={`usa-form-group${error ? " usa-form-group--error" : ""}`}>
      <label className="usa-label" htmlFor="timeZone">
        Time zone
      </label>
      <span className="usa-hint" id="timeZone-hint">
        Event times are also shown in this zone.
      </span>
      {error ? (
        <span className="usa-error-message" id="timeZone-error" role="alert">
          {error}
        </span>
      ) : null}
      {/* Keyed on the value: React resets a form after its action, and an uncontrolled select would fall back to its first option. */}
      <select
        key={defaultValue}
        className="usa-select"
        id="timeZone"
        name="timeZone"
        defaultValue={defaultValue}
        aria-describedby={error ? "timeZone-hint timeZone-error" : "timeZone-hint"}
      >
        {known ? null : <option value={defaultValue}>{defaultValue}</option>}
        {COMMON_TIME_ZONES.map((zone) => (
          <option key={zone.value} value={zone.value}>
            {zone.label}
          </option>
        ))}
      </select>
    </div>
  );
}
