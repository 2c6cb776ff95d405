"use client";

import { useActionState } from "react";
import { TextField } from "@/components/text-field";
import { idleFormState } from "@/lib/form-state";
import { deleteAccount } from "./actions";

export function DeleteAccountForm() {
  const [state, formAction, pending] = useActionState(deleteAccount, idleFormState);
  const errors = state.fieldErrors ?? {};
  const message = state.status === "error" && !errors.confirmEmail ? state.message : null;
  return (
    <form action={formAction} className="usa-form usa-form--large" noValidate>
      {message ? (
        <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{message}</p>
          </div>
        </div>
      ) : null}
      <TextField
        name="confirmEmail"
        label="Your email address"
        hint="Type it exactly to confirm that you want to delete your account."
        type="email"
        autoComplete="off"
        defaultValue={state.values?.confirmEmail}
        errors={errors.confirmEmail}
      />
      <button className="usa-button usa-button--secondary margin-top-3" type="submit" disabled={pending}>
        Delete my account
      </button>
    </form>
  );
}
