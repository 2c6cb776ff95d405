"use client";

import { useActionState } from "react";
import { FormAlert, SubmitButton, TextInput } from "@/components/forms";
import { idleState } from "@/lib/actions/state";
import { deleteAccount } from "./actions";

export function DeleteAccountForm() {
  const [state, formAction, pending] = useActionState(deleteAccount, idleState);
  const errors = state.errors ?? {};
  return (
    <form action={formAction} className="usa-form usa-form--large" noValidate>
      {/* The one announcement: with the field's error it is the summary that links to the field. */}
      <FormAlert state={state} />
      <TextInput
        name="confirmEmail"
        label="Your email address"
        hint="Type it exactly to confirm that you want to delete your account."
        type="email"
        autoComplete="off"
        defaultValue={state.values?.confirmEmail}
        errors={errors.confirmEmail}
      />
      <SubmitButton pending={pending} variant="secondary">
        Delete my account
      </SubmitButton>
    </form>
  );
}
