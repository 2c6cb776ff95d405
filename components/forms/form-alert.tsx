"use client";

import { useLayoutEffect, useRef, useState, type MouseEvent } from "react";
import { INVALID_MESSAGE } from "@/lib/actions/state";
import { ErrorSummary, errorItems, resolveItems, type ErrorSummaryItem } from "./error-summary";

type AlertState = { status: string; message?: string; errors?: Record<string, string[] | undefined> };

/**
 * What a form's server action said, above the form. A refusal with field errors is an error
 * summary (./error-summary.tsx) listing and linking each field; any other refusal is a slim
 * error alert; a success is a polite status. Whichever appears takes focus, so after every
 * action a keyboard or screen-reader user lands on its result, not at the top of the page,
 * and after a refusal hears the whole list once (the fields' own messages are not live regions).
 */
export function FormAlert({ state }: { state: AlertState }) {
  const alert = useRef<HTMLDivElement>(null);
  const items = errorItems(state.errors);
  // The labels and real ids are read from the rendered form once the state has arrived, before the browser
  // paints (a layout effect), so nobody sees the interim list; a page rendered without script keeps it: each
  // field linked by name, with its message as the link's text.
  const [resolved, setResolved] = useState<{ for: AlertState; items: ErrorSummaryItem[] } | null>(null);
  useLayoutEffect(() => {
    const form = alert.current?.closest("form");
    if (state.status === "error" && state.errors && form) setResolved({ for: state, items: resolveItems(form, errorItems(state.errors)) });
    alert.current?.focus();
  }, [state]);
  if ((state.status !== "success" && state.status !== "error") || !state.message) return null;
  if (state.status === "error" && items.length > 0) {
    // When the action's message is a field's own (lib/ refusing one field), it is said once, beside that field.
    const heading = items.some((item) => item.message === state.message) ? INVALID_MESSAGE : state.message;
    return <ErrorSummary ref={alert} message={heading} items={resolved?.for === state ? resolved.items : items} onClick={focusControl} />;
  }
  const error = state.status === "error";
  return (
    <div ref={alert} tabIndex={-1} className={`usa-alert usa-alert--${error ? "error" : "success"} usa-alert--slim`} role={error ? "alert" : "status"}>
      <div className="usa-alert__body">
        <p className="usa-alert__text">{state.message}</p>
      </div>
    </div>
  );
}

/** A summary link puts the cursor in its field and shows the field's label above it, not just the box. */
function focusControl(event: MouseEvent<HTMLDivElement>) {
  const link = (event.target as Element).closest<HTMLAnchorElement>('a[href^="#"]');
  const control = link ? document.getElementById(decodeURIComponent(link.hash.slice(1))) : null;
  if (!control) return;
  event.preventDefault();
  // A field in a collapsed section (a closed <details>) cannot take focus until its section is open.
  for (let section = control.closest("details"); section; section = section.parentElement?.closest("details") ?? null) section.open = true;
  const label = document.querySelector(`label[for="${CSS.escape(control.id)}"]`) ?? control.closest("fieldset")?.querySelector("legend");
  (label ?? control).scrollIntoView({ block: "start" });
  control.focus({ preventScroll: true });
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
