"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms";
import { idleState } from "@/lib/actions/state";
import { duplicateEventAction, publishEventAction, unpublishEventAction } from "../actions";

/** Publish, unpublish and duplicate: one button each, with the server's answer shown below. */
export function EventControls({ id, status }: { id: string; status: "draft" | "published" | "cancelled" }) {
  const [publishState, publish, publishing] = useActionState(publishEventAction.bind(null, id), idleState);
  const [unpublishState, unpublish, unpublishing] = useActionState(unpublishEventAction.bind(null, id), idleState);
  const [duplicateState, duplicate, duplicating] = useActionState(duplicateEventAction.bind(null, id), idleState);
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
      <FormAlert state={publishState} />
      <FormAlert state={unpublishState} />
      <FormAlert state={duplicateState} />
    </div>
  );
}
