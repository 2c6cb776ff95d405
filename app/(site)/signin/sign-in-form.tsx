"use client";

import { useActionState, useMemo } from "react";
import { FormAlert, SubmitButton, TextInput } from "@/components/forms";
import { INVALID_MESSAGE } from "@/lib/actions/state";
import { requestSignInLink, type SignInFormState } from "./actions";

const initialState: SignInFormState = { status: "idle" };

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(requestSignInLink, initialState);
  // A mistyped address is told the way every form tells a field's error: the summary, which takes focus.
  const invalid = useMemo(
    () => (state.status === "invalid" && state.message ? { status: "error", message: INVALID_MESSAGE, errors: { email: [state.message] } } : null),
    [state],
  );
  return (
    <form action={formAction} className="usa-form usa-form--large" noValidate>
      {invalid ? <FormAlert state={invalid} /> : null}
      {state.status === "refused" ? (
        <div className="usa-alert usa-alert--warning" role="alert">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">That address can&rsquo;t be used to join</h2>
            <p className="usa-alert__text">{state.message}</p>
            <p className="usa-alert__text">
              Use your work email. If you work for the government and your address is not accepted, write to the community organizers at{" "}
              <a href="mailto:socialmedia@gsa.gov">socialmedia@gsa.gov</a> for help.
            </p>
          </div>
        </div>
      ) : null}
      {state.status === "rate_limited" || state.status === "error" ? (
        <div className="usa-alert usa-alert--error" role="alert">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{state.message}</p>
          </div>
        </div>
      ) : null}
      <TextInput
        name="email"
        type="email"
        label="Government email address"
        hint="An official .gov or .mil address, for example name@agency.gov"
        autoComplete="email"
        defaultValue={state.email}
        errors={state.status === "invalid" && state.message ? [state.message] : undefined}
      />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <SubmitButton pending={pending} pendingLabel="Sending…" className="">
        Email me a sign-in link
      </SubmitButton>
    </form>
  );
}
