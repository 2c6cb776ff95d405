"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Outcome } from "@/app/(site)/manage/events/form-controls";
import { idleFormState, type FormState } from "@/lib/form-state";

export function RemoveResourceForm({ action }: { action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, idleFormState);
  return (
    <form action={formAction}>
      <Outcome status={state.status} message={state.message} />
      <button type="submit" className="usa-button usa-button--secondary" disabled={pending}>
        Remove resource
      </button>
      <Link href="/manage/resources" className="usa-button usa-button--unstyled margin-left-2">
        Keep it
      </Link>
    </form>
  );
}
