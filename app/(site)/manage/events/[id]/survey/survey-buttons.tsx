"use client";

import { useActionState } from "react";
import { FormAlert } from "@/components/forms";
import { idleState } from "@/lib/actions/state";
import { attachDefaultSurveyAction, removeSurveyAction } from "./actions";

/** "Attach the default survey": one button, the server's answer below it. */
export function AttachSurveyButton({ eventId }: { eventId: string }) {
  const [state, action, pending] = useActionState(attachDefaultSurveyAction.bind(null, eventId), idleState);
  return (
    <form action={action}>
      <FormAlert state={state} />
      <button type="submit" className="usa-button" disabled={pending}>
        Attach the default survey
      </button>
    </form>
  );
}

/** "Remove the survey": offered only while nobody has answered (lib/ checks again). */
export function RemoveSurveyButton({ eventId }: { eventId: string }) {
  const [state, action, pending] = useActionState(removeSurveyAction.bind(null, eventId), idleState);
  return (
    <form action={action}>
      <FormAlert state={state} />
      <button type="submit" className="usa-button usa-button--secondary" disabled={pending}>
        Remove the survey
      </button>
    </form>
  );
}
