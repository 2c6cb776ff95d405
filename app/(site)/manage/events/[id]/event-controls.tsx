"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms";
import { idleState, type ActionState } from "@/lib/actions/state";
import { duplicateEventAction, publishEventAction, unpublishEventAction } from "../actions";

/**
 * Publish, unpublish and duplicate: one button each, with the server's answer shown below.
 * `unpublishBlocked` is lib/'s reason unpublishing would be refused: said instead of offering the button.
 */
export function EventControls({
  id,
  status,
  unpublishBlocked = null,
}: {
  id: string;
  status: "draft" | "published" | "cancelled";
  unpublishBlocked?: string | null;
}) {
  const publish = useActionState(publishEventAction.bind(null, id), idleState);
  const unpublish = useActionState(unpublishEventAction.bind(null, id), idleState);
  const duplicate = useActionState(duplicateEventAction.bind(null, id), idleState);
  const buttons: { label: string; shown: boolean; outline: boolean; form: [ActionState, () => void, boolean] }[] = [
    { label: "Publish", shown: status === "draft", outline: false, form: publish },
    { label: "Unpublish", shown: status === "published" && !unpublishBlocked, outline: true, form: unpublish },
    { label: "Duplicate", shown: true, outline: true, form: duplicate },
  ];
  return (
    <div>
      <ul className="usa-button-group">
        {buttons
          .filter(({ shown }) => shown)
          .map(({ label, outline, form: [, action, pending] }) => (
            <li className="usa-button-group__item" key={label}>
              <form action={action}>
                <button type="submit" className={`usa-button${outline ? " usa-button--outline" : ""}`} disabled={pending}>
                  {label}
                </button>
              </form>
            </li>
          ))}
      </ul>
      {status === "published" && unpublishBlocked ? <p className="margin-top-0">{unpublishBlocked}</p> : null}
      {buttons.map(({ label, form: [state] }) => (
        <FormAlert key={label} state={state} />
      ))}
    </div>
  );
}
