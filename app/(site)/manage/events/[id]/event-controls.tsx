"use client";

import { useActionState } from "react";
import { idleFormState } from "@/lib/form-state";
import { duplicateEventAction, publishEventAction, unpublishEventAction } from "../actions";
import { Outcome } from "../form-controls";

/** Publish, unpublish and duplicate: one button each, with the server's answer shown below. */
export function EventControls({ id, status }: { id: string; status: "draft" | "published" | "cancelled" }) {
  const [publishState, publish, publishing] = useActionState(publishEventAction.bind(null, id), idleFormState);
  const [unpublishState, unpublish, unpublishing] = useActionState(unpublishEventAction.bind(null, id), idleFormState);
  const [duplicateState, duplicate, duplicating] = useActionState(duplicateEventAction.bind(null, id), idleFormState);
  return (
    <div>
      <ul className="usa-button-group">
        {status === "draft" ? (
          <li className="usa-button-group__item">
            <form action={publish}>
              <button type="submit" className="usa-button" disabled={publishing}>
                Publish
              </button>
            </form>
          </li>
        ) : null}
        {status === "published" ? (
          <li className="usa-button-group__item">
            <form action={unpublish}>
              <button type="submit" className="usa-button usa-button--outline" disabled={unpublishing}>
                Unpublish
              </button>
            </form>
          </li>
        ) : null}
        <li className="usa-button-group__item">
          <form action={duplicate}>
            <button type="submit" className="usa-button usa-button--outline" disabled={duplicating}>
              Duplicate
            </button>
          </form>
        </li>
      </ul>
      <Outcome {...publishState} />
      <Outcome {...unpublishState} />
      <Outcome {...duplicateState} />
    </div>
  );
}
