"use client";

import { useEffect, useRef } from "react";

/**
 * What a form's server action said, as a slim USWDS alert above the form: success as
 * a polite status, an error as an alert screen readers announce at once. After a
 * refusal, focus moves to the first field marked invalid (or to the alert), so a
 * keyboard or screen-reader user starts where the fixing starts.
 */
export function FormAlert({ state }: { state: { status: string; message?: string } }) {
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status !== "error" || !alert.current) return;
    const firstInvalid = alert.current.closest("form")?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (firstInvalid ?? alert.current).focus();
  }, [state]);
  if ((state.status !== "success" && state.status !== "error") || !state.message) return null;
  const error = state.status === "error";
  return (
    <div ref={alert} tabIndex={-1} className={`usa-alert usa-alert--${error ? "error" : "success"} usa-alert--slim`} role={error ? "alert" : "status"}>
      <div className="usa-alert__body">
        <p className="usa-alert__text">{state.message}</p>
      </div>
    </div>
  );
}

/** The form's main button, kept from a second submit while the first is under way. */
export function SubmitButton({
  pending,
  pendingLabel,
  variant,
  className = "margin-top-3",
  children,
}: {
  pending: boolean;
  pendingLabel?: string;
  variant?: "secondary" | "outline";
  className?: string;
  children: string;
}) {
  const classes = ["usa-button", variant ? `usa-button--${variant}` : null, className].filter(Boolean).join(" ");
  return (
    <button className={classes} type="submit" disabled={pending}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
