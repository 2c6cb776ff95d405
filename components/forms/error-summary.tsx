import type { MouseEventHandler, Ref } from "react";

/** One field in error: the control it links to, the field's label when known, and the server's message. */
export type ErrorSummaryItem = { id: string; label?: string; message: string };

/**
 * The fields in error, in the order the server sent them (its schema's order, which is the form's).
 * Until the form is on screen only the field names are known, and a control's id defaults to its name.
 */
export function errorItems(errors: Record<string, string[] | undefined> | undefined): ErrorSummaryItem[] {
  return Object.entries(errors ?? {}).flatMap(([name, messages]) => (messages?.[0] ? [{ id: name, message: messages[0] }] : []));
}

/** A label's own words, without its "(optional)" mark, hint or description, nor what a link inside it does when followed. */
function labelText(label: Element | null | undefined): string | undefined {
  if (!label) return undefined;
  const copy = label.cloneNode(true) as Element;
  copy.querySelectorAll(".usa-hint, .usa-checkbox__label-description, .usa-sr-only").forEach((part) => part.remove());
  return (
    copy.textContent
      ?.replace(/\s*\(opens in a new tab\)/g, "")
      .replace(/\s+/g, " ")
      .trim() || undefined
  );
}

/**
 * Finds each field's control in the form (its real id: a radio group's first option, a control with an id
 * of its own) and the label people see beside it, read from the page itself so every form of the kit gets
 * the same summary without a second table of labels. A radio group is named by its legend. A field with no
 * control here keeps what it had.
 */
export function resolveItems(form: HTMLFormElement, items: ErrorSummaryItem[]): ErrorSummaryItem[] {
  return items.map((item) => {
    const named = form.elements.namedItem(item.id);
    const control = (named instanceof RadioNodeList ? named[0] : named) as HTMLElement | null;
    if (!control?.id) return item;
    const radio = control instanceof HTMLInputElement && control.type === "radio";
    const label = radio ? control.closest("fieldset")?.querySelector("legend") : form.querySelector(`label[for="${CSS.escape(control.id)}"]`);
    return { ...item, id: control.id, label: labelText(label) };
  });
}

/**
 * The USWDS-style error summary: one alert at the top of the form that says what went wrong and links each
 * field in error to its control. It takes focus when it appears (tabIndex -1), so a keyboard or screen-reader
 * user hears the whole list once instead of one alert per field, and each link jumps to the field to fix.
 */
export function ErrorSummary({
  message,
  items,
  ref,
  onClick,
}: {
  message: string;
  items: ErrorSummaryItem[];
  ref?: Ref<HTMLDivElement>;
  onClick?: MouseEventHandler<HTMLDivElement>;
}) {
  return (
    <div ref={ref} tabIndex={-1} className="usa-alert usa-alert--error" role="alert" data-testid="error-summary" onClick={onClick}>
      <div className="usa-alert__body">
        <h2 className="usa-alert__heading">{message}</h2>
        <ul className="usa-list margin-bottom-0">
          {items.map((item) => (
            <li key={item.id}>
              {/* The field's name: its message stands beside the field, read with the control when the link
                  moves there. Until the name is known (a page rendered without script), the message names it. */}
              <a className="usa-link" href={`#${item.id}`}>
                {item.label ?? item.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
