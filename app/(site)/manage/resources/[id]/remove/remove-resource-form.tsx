"use client";

import Link from "next/link";
import { useActionState } from "react";
import { FormAlert } from "@/components/forms";
import { idleState, type ActionState } from "@/lib/actions/state";

export function RemoveResourceForm({ action }: { action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, idleState);
  return (
    <form action={formAction}>
      <FormAlert state={state} />
      <button type="submit" className="usa-button usa-button--secondary" disabled={pending}>
        Remove resource
      </button>
      <Link href="/manage/resources" className="usa-button usa-button--unstyled margin-left-2">
        Keep it
      </Link>
    </form>
  );
}
